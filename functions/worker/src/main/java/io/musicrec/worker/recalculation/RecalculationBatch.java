package io.musicrec.worker.recalculation;

import io.musicrec.platform.queue.RecalculationRequest;
import io.musicrec.platform.queue.Redelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs a batch of SQS messages through the {@link Recalculation} one at a time and says which failed,
 * for the handler's batch item failures. A bad message fails alone; an unavailable service, or too
 * little time left before a message, fails it and the rest untried. Must not miss: a message failed by
 * an outage is not at fault, so its redelivery is put off by a back-off growing with its receive count
 * ({@link #DEFAULT_UNAVAILABLE_BACKOFF}) rather than reaching the dead-letter queue within minutes.
 * Reprocessing is harmless ({@link io.musicrec.cache.RecommendationCache#putIfNotOlder}).
 */
public final class RecalculationBatch {

    /**
     * How long a message failed by an unavailable service stays away, by its receive count (the
     * last for any later receive). Under SQS's 12 hours; with three receives before the dead-letter
     * queue, an outage of about 12 hours dead-letters nothing (README: redrive for longer ones).
     */
    public static final List<Duration> DEFAULT_UNAVAILABLE_BACKOFF = List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(11));

    private final Recalculation recalculation;
    private final Duration reserve;
    private final Redelivery redelivery;
    private final List<Duration> unavailableBackoff;

    /**
     * @param recalculation      what each message asks for
     * @param reserve            time that must be left to start a message after the first: one
     *                           message at its worst (the worker's time budget), since a Lambda killed
     *                           at its timeout returns no batch response, and the whole batch would come back
     * @param redelivery         puts off the next delivery of messages failed by an unavailable service
     * @param unavailableBackoff that delay by receive count (1, 2, ...), not empty
     */
    public RecalculationBatch(Recalculation recalculation, Duration reserve, Redelivery redelivery, List<Duration> unavailableBackoff) {
        this.recalculation = Objects.requireNonNull(recalculation, "recalculation");
        this.reserve = Objects.requireNonNull(reserve, "reserve");
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
        this.unavailableBackoff = List.copyOf(unavailableBackoff);
        if (this.unavailableBackoff.isEmpty()) {
            throw new IllegalArgumentException("unavailableBackoff must name at least one delay");
        }
    }

    /** The delay for a message received {@code receiveCount} times (0 when unknown counts as 1). */
    static Duration backoff(List<Duration> delays, int receiveCount) {
        return delays.get(Math.min(Math.max(receiveCount, 1), delays.size()) - 1);
    }

    /**
     * Processes the messages in order.
     *
     * @param messages        the batch
     * @param remainingMillis the invocation's time left ({@code Context.getRemainingTimeInMillis})
     */
    public BatchResult process(List<QueueMessage> messages, LongSupplier remainingMillis) {
        List<String> failed = new ArrayList<>();
        Map<String, Duration> postponed = new LinkedHashMap<>();
        int written = 0;
        int newerKept = 0;
        int skipped = 0;
        String stopReason = null;
        boolean unavailable = false;
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage message = messages.get(i);
            if (stopReason == null && i > 0 && remainingMillis.getAsLong() < reserve.toMillis()) {
                stopReason = "less than " + reserve.toSeconds() + " s left in this invocation";
            }
            if (stopReason != null) {
                failed.add(message.messageId());
                Duration delay = unavailable ? postpone(message, postponed) : null;
                RecordLog.notAttempted(message, stopReason, delay);
                continue;
            }
            long start = System.nanoTime();
            RecalculationRequest request;
            try {
                request = RecalculationRequest.fromJson(message.body() == null ? "null" : message.body());
            } catch (IllegalArgumentException e) {
                failed.add(message.messageId());
                RecordLog.failed(message, null, Failure.MALFORMED, e, start, null);
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
                if (failure == Failure.UNAVAILABLE) {
                    unavailable = true;
                    stopReason = "an earlier message found a service unavailable: " + e.getClass().getSimpleName();
                }
                RecordLog.failed(message, request, failure, e, start, failure == Failure.UNAVAILABLE ? postpone(message, postponed) : null);
            }
        }
        if (!postponed.isEmpty()) {
            redelivery.postpone(postponed);
        }
        return new BatchResult(failed, written, newerKept, skipped);
    }

    private Duration postpone(QueueMessage message, Map<String, Duration> postponed) {
        if (message.receiptHandle() == null) {
            return null;
        }
        Duration delay = backoff(unavailableBackoff, message.receiveCount());
        postponed.put(message.receiptHandle(), delay);
        return delay;
    }
}
