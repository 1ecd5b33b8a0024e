/**
 * {@code POST /plays}: the request, the endpoint and {@link io.musicrec.api.plays.PlayService}, which
 * decides when to relay. Counting, the outbox row and idempotency are the platform's {@code PlayStore}.
 */
package io.musicrec.api.plays;
