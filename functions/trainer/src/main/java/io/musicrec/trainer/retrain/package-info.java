/**
 * Scheduled retraining: read every training play from Postgres (streaming), hold out a stable
 * validation share, train a candidate with the trainer's ALS, compare it with the model being
 * served on the same hold-out, and publish it to the {@code ModelStore} only if it is not worse.
 * {@link io.musicrec.trainer.retrain.Retraining} is the run; its ports ({@link
 * io.musicrec.trainer.retrain.TrainingSource}, {@link io.musicrec.trainer.retrain.CandidateTrainer},
 * {@link io.musicrec.trainer.retrain.RetrainingLock}, the platform's {@code ModelStore}) are small
 * interfaces with one real implementation each. No Lambda types here: the handlers and the CLI
 * wire it up ({@link io.musicrec.trainer.retrain.RetrainingContext}).
 */
package io.musicrec.trainer.retrain;
