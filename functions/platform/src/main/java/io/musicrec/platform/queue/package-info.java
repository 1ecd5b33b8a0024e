/** Recalculation messages: the queue port, its SQS adapter and the outbox relay that makes sending reliable. */
package io.musicrec.platform.queue;
