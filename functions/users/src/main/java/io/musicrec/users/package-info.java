/**
 * The users function, {@code POST /users} ({@link io.musicrec.users.UsersHandler}): registering the
 * caller and giving them a first set of suggestions ({@link io.musicrec.users.Registration}):
 * catalog artists drawn at random, weighted by their listeners ({@link io.musicrec.users.Popularity},
 * {@link io.musicrec.users.SuggestionPicker}), each with its most popular song, stored as the
 * user's recommendation document until the first recalculation replaces it. PostgreSQL, Redis and
 * Spotify; no AWS SDK.
 */
package io.musicrec.users;
