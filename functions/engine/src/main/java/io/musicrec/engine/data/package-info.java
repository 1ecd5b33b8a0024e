/**
 * Play-count data: the sparse user x artist matrix, the TSV files it is read from and written to,
 * and atomic file writes. Errors in input files are {@link io.musicrec.engine.data.InputException}s
 * that name the file and line. No model or recommendation logic lives here.
 */
package io.musicrec.engine.data;
