/**
 * Benchmarks of the project's own code: JMH for recommendation latency and artifact loading, and
 * the trainer's side of the Spark MLlib ALS comparison. Figures, not tests; see bench/README.md.
 */
package io.musicrec.bench.jmh;
