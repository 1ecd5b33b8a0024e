/**
 * The ML function, {@code POST /model/recommendations}: the stateless ML service ({@link
 * io.musicrec.ml.ModelHandler}). Plays in, recommendations out, over the container's current model
 * (S3, through the platform's {@code ModelProvider}); nothing is read from or written to the
 * user's data. The recommenders themselves are the engine's; this package reads the request,
 * picks the mode and maps the result. Its jar has the engine and the S3 client and none of
 * PostgreSQL, Redis, SQS or Spotify.
 */
package io.musicrec.ml;
