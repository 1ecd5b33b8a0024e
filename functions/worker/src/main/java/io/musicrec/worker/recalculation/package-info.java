/**
 * The worker's domain: {@link io.musicrec.worker.recalculation.Recalculation} turns one user's
 * plays into one recommendation document (model, engine, names, songs, compare-and-set in Redis),
 * and {@link io.musicrec.worker.recalculation.RecalculationBatch} runs an SQS batch through it and
 * decides which messages failed. Both take their collaborators (the platform's ports and adapters)
 * in their constructors; nothing here reads the environment, builds a client or knows the Lambda
 * event types.
 */
package io.musicrec.worker.recalculation;
