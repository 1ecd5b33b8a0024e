/**
 * Measurements, not tests: {@link io.musicrec.trainer.bench.RetrainMeasurement} times one retraining
 * run of the shaded jar against embedded PostgreSQL and s3proxy loaded with Last.fm 2K and
 * synthetic registered users ({@link io.musicrec.trainer.bench.SyntheticListeners}).
 */
package io.musicrec.trainer.bench;
