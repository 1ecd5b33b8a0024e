package io.musicrec.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.lifecycle.Started;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.worker.recalculation.BatchResult;
import io.musicrec.worker.recalculation.QueueMessage;
import io.musicrec.worker.recalculation.RecalculationBatch;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The worker function: consumes recalculation messages from SQS and writes each user's document to
 * Redis. Must not miss: the event source mapping needs {@code ReportBatchItemFailures}; the response
 * lists only the failed messages ({@link RecalculationBatch} says which), so SQS deletes the rest. The
 * queue's visibility timeout should be at least six times the function's (AWS's advice), with a
 * dead-letter queue. A constructor that throws (bad configuration, Redis unreachable) makes Lambda
 * report an init failure, and SQS delivers the batch again later. One metrics line per batch.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Metric: recalculations whose document was stored. */
    static final String WRITTEN = "RecalculationsWritten";
    /** Metric: recalculations dropped as stale (a newer document was stored). */
    static final String DROPPED_STALE = "RecalculationsDroppedStale";
    /** Metric: messages for users without plays. */
    static final String SKIPPED = "RecalculationsSkipped";
    /** Metric: messages reported failed. */
    static final String FAILED = "RecalculationsFailed";

    private final RecalculationBatch batch;
    private final Metrics metrics;
    /** Kept here: CRaC holds them only weakly. */
    private final RestoreHooks restoreHooks;

    /** What Lambda calls once per cold start: configuration from the environment, real clients. */
    public WorkerHandler() {
        this(WorkerComponents.connect(WorkerConfiguration.from(Environment.system()), Clock.systemUTC()));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the clients to close. */
    public static Started<WorkerHandler> create(Environment environment, Clock clock) {
        WorkerComponents components = WorkerComponents.connect(WorkerConfiguration.from(environment), clock);
        return new Started<>(new WorkerHandler(components), components);
    }

    WorkerHandler(WorkerComponents components) {
        this.batch = Objects.requireNonNull(components, "components").batch();
        this.metrics = components.metrics();
        this.restoreHooks = components.restoreHooks();
    }

    /** The hooks Lambda's runtime calls around a snapshot. */
    RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<QueueMessage> messages = records.stream()
                .map(record -> new QueueMessage(record.getMessageId(), record.getReceiptHandle(), record.getBody(),
                        receiveCount(record.getAttributes())))
                .toList();
        LongSupplier remaining = context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
        BatchResult result = batch.process(messages, remaining);
        metrics.line().count(WRITTEN, result.written()).count(DROPPED_STALE, result.newerKept()).count(SKIPPED, result.skipped())
                .count(FAILED, result.failedMessageIds().size()).emit();
        return SQSBatchResponse.builder()
                .withBatchItemFailures(result.failedMessageIds().stream().map(SQSBatchResponse.BatchItemFailure::new).toList())
                .build();
    }

    private static int receiveCount(Map<String, String> attributes) {
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
