/**
 * The trainer's command line: train, recommend, evaluate, split, generate and tune; and against
 * the configured Postgres and S3, retrain, publish, rollback and versions. Parses options, calls
 * the trainer, the engine or the retraining, and maps bad input to exit code 2 with a one-line
 * reason, a failing service to 1.
 */
package io.musicrec.trainer.cli;
