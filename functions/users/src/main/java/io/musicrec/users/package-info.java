/**
 * The users function, {@code POST /users}: registering the caller and giving them a first document
 * of suggestions, catalog artists drawn by listeners with their songs ({@link
 * io.musicrec.users.Registration}), until the first recalculation replaces it. PostgreSQL, Redis and
 * Spotify; of the AWS SDK only the Secrets Manager client.
 */
package io.musicrec.users;
