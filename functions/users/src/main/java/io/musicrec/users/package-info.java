/**
 * {@code POST /users}: registering the caller and giving them a first set of suggestions
 * ({@link io.musicrec.api.users.Registration}): artists drawn at random, weighted by popularity, by
 * {@link io.musicrec.api.users.SuggestionPicker}, each with its most popular song, stored as the
 * user's recommendation document until the first recalculation replaces it.
 */
package io.musicrec.api.users;
