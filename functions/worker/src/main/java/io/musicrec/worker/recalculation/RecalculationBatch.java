package io.musicrec.worker.recalculation;

import io.musicrec.platform.queue.RecalculationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs a batch of SQS messages through the {@link Recalculation}, one at a time, and says which
 * failed, so that the handler can report exactly those as batch item failures and SQS deletes the
 * rest. One log line per message ({@link RecordLog}).
 *
 * <table>
 *   <caption>How a message ends</caption>
 *   <tr><th>case</th><th>reported failed?</th><th>the rest of the batch</th></tr>
 *   <tr><td>document written, or dropped because a newer one is stored</td><td>no</td><td>tried</td></tr>
 *   <tr><td>user without plays (skipped)</td><td>no</td><td>tried</td></tr>
 *   <tr><td>malformed body (poison): not JSON, missing or wrong fields</td><td>yes</td><td>tried</td></tr>
 *   <tr><td>PostgreSQL or Redis unreachable, no model loadable</td><td>yes</td><td>not tried, reported failed</td></tr>
 *   <tr><td>any other exception</td><td>yes</td><td>tried</td></tr>
 *   <tr><td>less than the reserve of time left before a message (never the first)</td><td>yes</td><td>not tried, reported failed</td></tr>
 * </table>
 *
 * A failed message comes back after the queue's visibility timeout and, after {@code
 * maxReceiveCount} receives, moves to the dead-letter queue, so a poison message ends there
 * without holding up its batch-mates, and a transient outage costs retries, not messages.
 * Reprocessing a message is harmless: the document's compare-and-set on {@code total_plays} makes
 * a duplicate or late result a no-op.
 */
public final class RecalculationBatch {

    private final Recalculation recalculation;
    private final Duration reserve;

    /**
     * @param recalculation what each message asks for
     * @param reserve       time that must be left to start a message after the first: one message at
     *                      its worst (the worker's time budget), since a Lambda killed at its timeout
     *                      returns no batch response at all, and the whole batch would come back
     */
    public RecalculationBatch(Recalculation recalculation, Duration reserve) {
        this.recalculation = Objects.requireNonNull(recalculation, "recalculation");
        this.reserve = Objects.requireNonNull(reserve, "reserve");
    }

    /**
     * Processes the messages in order.
     *
     * @param messages        the batch
     * @param remainingMillis the invocation's time left ({@code Context.getRemainingTimeInMillis})
     */
    public BatchResult process(List<QueueMessage> messages, LongSupplier remainingMillis) {
        List<String> failed = new ArrayList<>();
        int written = 0;
        int newerKept = 0;
        int skipped = 0;
        String stopReason = null;
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage message = messages.get(i);
            if (stopReason == null && i > 0 && remainingMillis.getAsLong() < reserve.toMillis()) {
                stopReason = "less than " + reserve.toSeconds() + " s left in this invocation";
            }
            if (stopReason != null) {
                failed.add(message.messageId());
                RecordLog.notAttempted(message, stopReason);
                continue;
            }
            long start = System.nanoTime();
            RecalculationRequest request;
            try {
                request = RecalculationRequest.fromJson(message.body() == null ? "null" : message.body());
            } catch (IllegalArgumentException e) {
                failed.add(message.messageId());
                RecordLog.failed(message, null, Failure.MALFORMED, e, start);
                continue;
            }
            try {
                RecalculationResult result = recalculation.recalculate(request);
                switch (result.outcome()) {
                    case WRITTEN -> written++;
                    case NEWER_KEPT -> newerKept++;
                    case UNKNOWN_USER -> skipped++;
                    default -> throw new AssertionError(result.outcome());
                }
                RecordLog.done(message, request, result, start);
            } catch (RuntimeException e) {
                Failure failure = Failure.of(e);
                failed.add(message.messageId());
                RecordLog.failed(message, request, failure, e, start);
                if (failure == Failure.UNAVAILABLE) {
                    stopReason = "an earlier message found a service unavailable: " + e.getClass().getSimpleName();
                }
            }
        }
        return new BatchResult(failed, written, newerKept, skipped);
    }
}
