package io.musicrec.worker.recalculation;

import java.util.List;

/**
 * What a batch did: the messages to report as failed (SQS delivers them again, and after the
 * queue's {@code maxReceiveCount} moves them to the dead-letter queue) and counts for the log.
 *
 * @param failedMessageIds the failed messages' ids, in batch order
 * @param written          documents stored
 * @param newerKept        results dropped because a newer document was stored
 * @param skipped          messages for users without plays
 */
public record BatchResult(List<String> failedMessageIds, int written, int newerKept, int skipped) {

    /** Copies the list. */
    public BatchResult {
        failedMessageIds = List.copyOf(failedMessageIds);
    }
}
