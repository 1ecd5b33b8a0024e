/**
 * The worker's side of SQS, as Lambda runs it: {@link io.musicrec.local.stack.queue.QueueSetup}
 * creates the recalculation queue and its dead-letter queue, {@link
 * io.musicrec.local.stack.queue.SqsEventSource} long-polls the queue and invokes the worker the way
 * an event source mapping with {@code ReportBatchItemFailures} does ({@link
 * io.musicrec.local.stack.queue.SqsMessageTranslator} builds the events and reads the responses), and {@link
 * io.musicrec.local.stack.queue.SweepSchedule} invokes the outbox sweep function as its EventBridge
 * schedule does. Nothing here recalculates or sends anything: the functions' handlers do.
 */
package io.musicrec.local.stack.queue;
