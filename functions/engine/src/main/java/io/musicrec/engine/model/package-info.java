/**
 * The trained model as serving sees it: item factors, YᵀY, nearest-neighbour lists, artist index,
 * popularity, the confidence function and the metadata that identifies a model. No training and no
 * file format here: training lives in the trainer module, the format in
 * {@link io.musicrec.engine.artifact}.
 */
package io.musicrec.engine.model;
