package io.musicrec.worker.recalculation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.platform.queue.RecalculationRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line per message, a JSON object so CloudWatch Logs Insights can filter on its fields
 * ({@code outcome}, {@code user_id}, {@code model_id}, ...). Must not miss: message bodies and
 * configuration are never logged (the dead-letter queue keeps poison messages); user ids are the
 * JWT's opaque {@code sub}.
 */
final class RecordLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.musicrec.worker.recalculation");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough of an exception's message to say what failed, not a page of driver output. */
    private static final int MAX_ERROR_LENGTH = 300;

    private RecordLog() {
    }

    static void done(QueueMessage message, RecalculationRequest request, RecalculationResult result, long startNanos) {
        ObjectNode line = start(message, request, result.outcome().label());
        line.put("snapshot_total", result.snapshotTotal());
        if (result.modelId() != null) {
            line.put("model_id", result.modelId());
            line.put("items", result.items());
            line.put("dropped_not_in_catalog", result.droppedNotInCatalog());
            line.put("songs_found", result.songs().found());
            line.put("songs_not_found", result.songs().notFound());
            line.put("songs_unknown", result.songs().unknown());
        }
        line.put("millis", millisSince(startNanos));
        if (result.droppedNotInCatalog() > 0 || result.outcome() == RecalculationResult.Outcome.UNKNOWN_USER) {
            LOG.warn(line.toString());
        } else {
            LOG.info(line.toString());
        }
    }

    /** {@code retryAfter}: how long the message stays away when its redelivery was put off, else null. */
    static void failed(QueueMessage message, RecalculationRequest request, Failure failure, RuntimeException e, long startNanos,
                       Duration retryAfter) {
        ObjectNode line = start(message, request, failure.label());
        line.put("error", e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())));
        line.put("millis", millisSince(startNanos));
        retryAfter(line, retryAfter);
        if (failure == Failure.ERROR) {
            // Unexpected: the stack trace follows the line.
            LOG.error(line.toString(), e);
        } else {
            LOG.warn(line.toString());
        }
    }

    static void notAttempted(QueueMessage message, String reason, Duration retryAfter) {
        ObjectNode line = start(message, null, Failure.NOT_ATTEMPTED.label());
        line.put("reason", reason);
        retryAfter(line, retryAfter);
        LOG.warn(line.toString());
    }

    private static ObjectNode start(QueueMessage message, RecalculationRequest request, String outcome) {
        ObjectNode line = JSON.createObjectNode();
        line.put("event", "recalculation");
        line.put("message_id", message.messageId());
        line.put("receive_count", message.receiveCount());
        if (request != null) {
            line.put("user_id", request.userId());
            line.put("request_total", request.totalPlays());
        }
        line.put("outcome", outcome);
        return line;
    }

    private static void retryAfter(ObjectNode line, Duration retryAfter) {
        if (retryAfter != null) {
            line.put("retry_after_seconds", retryAfter.toSeconds());
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
