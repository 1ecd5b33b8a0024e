/**
 * Benchmarks that put the engine's numbers next to someone else's: here, Spark MLlib's implicit
 * ALS timed and scored on the same Last.fm split the engine's evaluation uses. Nothing in this
 * package is shipped; it is built only with the Maven profile {@code bench}.
 */
package io.musicrec.bench;
