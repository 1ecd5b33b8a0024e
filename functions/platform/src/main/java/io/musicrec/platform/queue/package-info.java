/**
 * Recalculation messages: the {@link io.musicrec.platform.queue.RecalculationQueue} port, its SQS
 * adapter, the message format, the {@link io.musicrec.platform.queue.OutboxRelay} that moves
 * messages from the PostgreSQL outbox to the queue so that none is lost, the scheduled {@link
 * io.musicrec.platform.queue.OutboxSweep} that runs it when no play does, and the consumer's {@link
 * io.musicrec.platform.queue.Redelivery}, which puts off messages it gives back. Writing the outbox
 * rows is the play store's job.
 */
package io.musicrec.platform.queue;
