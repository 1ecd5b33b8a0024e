/**
 * Scheduled retraining: read every training play, hold out a stable validation share, train a
 * candidate, and publish it only if it is not worse than the served model on the same hold-out.
 * {@link io.musicrec.trainer.retrain.Retraining} is the run; its ports are small interfaces with one
 * real implementation each. No Lambda types here: the handlers and the CLI wire it up ({@link
 * io.musicrec.trainer.retrain.TrainerComponents}).
 */
package io.musicrec.trainer.retrain;
