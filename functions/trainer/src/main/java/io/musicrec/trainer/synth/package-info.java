/** Synthetic play data shaped like Last.fm 360K, for benchmarks at full scale. Not used for quality claims. */
package io.musicrec.trainer.synth;
