/** Offline evaluation as the trainer reports it: every mode on a hold-out, as manifest JSON and as a table. */
package io.musicrec.trainer.eval;
