/**
 * The ML function, {@code POST /model/recommendations} ({@link io.musicrec.ml.ModelHandler}): plays
 * in, recommendations out, over the container's current model; no user data is read or written. The
 * recommenders are the engine's; this package reads the request, picks the mode and maps the result.
 */
package io.musicrec.ml;
