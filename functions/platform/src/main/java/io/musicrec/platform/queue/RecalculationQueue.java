package io.musicrec.platform.queue;

/** Sends recalculation requests to the worker (SQS in production). */
public interface RecalculationQueue {

    /**
     * Sends one message.
     *
     * @throws QueueUnavailableException when the queue cannot be reached; the caller keeps the
     *     message (the outbox) and sends it again later
     */
    void send(RecalculationRequest request);
}
