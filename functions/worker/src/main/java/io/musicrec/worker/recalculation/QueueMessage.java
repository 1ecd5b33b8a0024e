package io.musicrec.worker.recalculation;

import java.util.Objects;

/**
 * One SQS message as the batch needs it.
 *
 * @param messageId     SQS's id, what a batch item failure names
 * @param receiptHandle what this receive of it is known by to SQS (to postpone its redelivery); may be null
 * @param body          the body, {@code {"user_id": "...", "total_plays": 40}} when well-formed; may be null
 * @param receiveCount  how often SQS has delivered it ({@code ApproximateReceiveCount}), 0 when not known
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {

    /** The id is required. */
    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
    }
}
