/**
 * {@code POST /model/recommendations}: the stateless ML service. Plays in, recommendations out, over
 * the container's current model; nothing is read from or written to the user's data. The
 * recommenders themselves are the engine's; this package reads the request, picks the mode and
 * maps the result.
 */
package io.musicrec.api.model;
