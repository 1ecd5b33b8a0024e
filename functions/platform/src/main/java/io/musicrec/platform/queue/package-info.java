/**
 * Recalculation messages: the {@link io.musicrec.platform.queue.RecalculationQueue} port, its SQS
 * adapter, the message format, and the {@link io.musicrec.platform.queue.OutboxRelay} that moves
 * messages from the PostgreSQL outbox to the queue so that none is lost. Writing the outbox rows is
 * the play store's job.
 */
package io.musicrec.platform.queue;
