/**
 * Users, their play counts, the recalculation outbox and the plays' idempotency keys: the {@link
 * io.musicrec.platform.plays.PlayStore} port and its PostgreSQL adapter. Sending the outbox's
 * messages is the queue package's job.
 */
package io.musicrec.platform.plays;
