/**
 * Offline evaluation: per-user hold-out splits and ranking metrics at K, computed through the
 * public {@link io.musicrec.engine.recommend.Recommender} interface only. No training here.
 */
package io.musicrec.engine.eval;
