/**
 * The trainer's command line: train, recommend, evaluate, split and generate. Parses options,
 * calls the trainer and the engine, and maps bad input to exit code 2 with a one-line reason.
 */
package io.musicrec.trainer.cli;
