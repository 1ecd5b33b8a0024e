/**
 * {@code POST /plays}: one play of one catalog artist for the caller ({@link
 * io.musicrec.api.plays.PlayService}), the request it takes ({@link io.musicrec.api.plays.PlayRequest})
 * and its endpoint. Counting, the every-fifth-play outbox row and sending it are the platform's
 * ({@code PlayStore}, {@code OutboxRelay}); this package decides when to relay.
 */
package io.musicrec.api.plays;
