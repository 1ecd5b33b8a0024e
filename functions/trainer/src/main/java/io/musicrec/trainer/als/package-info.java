/**
 * Implicit ALS training: the conjugate-gradient and Cholesky row solvers, YᵀY through Smile, the
 * vector kernels and the nearest-neighbour table. Produces an engine
 * {@link io.musicrec.engine.model.Model}; reads no files and knows no command line.
 */
package io.musicrec.trainer.als;
