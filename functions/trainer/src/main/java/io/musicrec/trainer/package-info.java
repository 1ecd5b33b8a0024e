/**
 * The trainer's Lambda handlers: {@link io.musicrec.trainer.TrainerHandler} (the EventBridge
 * schedule's retraining run, or a step of the Spark training state machine) and {@link io.musicrec.trainer.MigrateHandler} (initialise a fresh
 * deployment's database). Thin: parse the event, make one call, map the result. The work is in
 * {@code io.musicrec.trainer.retrain} and {@code io.musicrec.trainer.setup}.
 */
package io.musicrec.trainer;
