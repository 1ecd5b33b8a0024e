/**
 * The worker Lambda: {@link io.musicrec.worker.WorkerHandler}, which maps an SQS batch to the
 * recalculation domain ({@code io.musicrec.worker.recalculation}) and back to a batch response, and
 * the cold-start wiring that reads the configuration and builds the clients once per container.
 * No recommendation logic lives here.
 */
package io.musicrec.worker;
