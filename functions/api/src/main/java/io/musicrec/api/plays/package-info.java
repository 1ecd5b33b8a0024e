/**
 * {@code POST /plays}: one play of one catalog artist for the caller ({@link
 * io.musicrec.api.plays.PlayService}), the request it takes ({@link io.musicrec.api.plays.PlayRequest})
 * and its endpoint. Counting, the every-fifth-play outbox row, the {@code Idempotency-Key} that
 * makes a retry safe, and sending the outbox are the platform's ({@code PlayStore}, {@code
 * OutboxRelay}); this package reads the key and decides when to relay.
 */
package io.musicrec.api.plays;
