/**
 * The Spark MLlib training job: plays from files (local, {@code s3a://} or EMR's {@code s3://}),
 * the engine's confidence weighting, Spark's implicit ALS, each artist's neighbours by a blocked
 * exact top-k over the executors, and the model directory the engine's {@code ModelArtifact} reads.
 * The gate and publish are the trainer's ({@code gate --candidate URI}); nothing here publishes.
 */
package io.musicrec.spark;
