package io.musicrec.worker.recalculation;

import io.musicrec.platform.queue.RecalculationRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one log line per message, its facts as key-values (JSON fields in CloudWatch, for Logs
 * Insights to filter on: {@code outcome}, {@code user_id}, {@code model_id}, ...). Must not miss:
 * message bodies and configuration are never logged (the dead-letter queue keeps poison messages);
 * user ids are the JWT's opaque {@code sub}.
 */
final class RecordLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.musicrec.worker.recalculation");
    /** The line's message; the facts are its key-values. */
    private static final String MESSAGE = "recalculation";
    /** Enough of an exception's message to say what failed, not a page of driver output. */
    private static final int MAX_ERROR_LENGTH = 300;

    private RecordLog() {
    }

    static void done(QueueMessage message, RecalculationRequest request, RecalculationResult result, long startNanos) {
        boolean warn = result.droppedNotInCatalog() > 0 || result.outcome() == RecalculationResult.Outcome.UNKNOWN_USER;
        LoggingEventBuilder line = start(warn ? Level.WARN : Level.INFO, message, request, result.outcome().label())
                .addKeyValue("snapshot_total", result.snapshotTotal());
        if (result.modelId() != null) {
            line.addKeyValue("model_id", result.modelId())
                    .addKeyValue("items", result.items())
                    .addKeyValue("dropped_not_in_catalog", result.droppedNotInCatalog())
                    .addKeyValue("songs_found", result.songs().found())
                    .addKeyValue("songs_not_found", result.songs().notFound())
                    .addKeyValue("songs_unknown", result.songs().unknown());
        }
        line.addKeyValue("millis", millisSince(startNanos)).log(MESSAGE);
    }

    /** {@code retryAfter}: how long the message stays away when its redelivery was put off, else null. */
    static void failed(QueueMessage message, RecalculationRequest request, Failure failure, RuntimeException e, long startNanos,
                       Duration retryAfter) {
        // Unexpected failures are errors, with the stack trace.
        LoggingEventBuilder line = start(failure == Failure.ERROR ? Level.ERROR : Level.WARN, message, request, failure.label())
                .addKeyValue("error", e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())))
                .addKeyValue("millis", millisSince(startNanos));
        retryAfter(line, retryAfter);
        if (failure == Failure.ERROR) {
            line.setCause(e);
        }
        line.log(MESSAGE);
    }

    static void notAttempted(QueueMessage message, String reason, Duration retryAfter) {
        LoggingEventBuilder line = start(Level.WARN, message, null, Failure.NOT_ATTEMPTED.label()).addKeyValue("reason", reason);
        retryAfter(line, retryAfter);
        line.log(MESSAGE);
    }

    private static LoggingEventBuilder start(Level level, QueueMessage message, RecalculationRequest request, String outcome) {
        LoggingEventBuilder line = LOG.atLevel(level)
                .addKeyValue("event", "recalculation")
                .addKeyValue("message_id", message.messageId())
                .addKeyValue("receive_count", message.receiveCount());
        if (request != null) {
            line.addKeyValue("user_id", request.userId()).addKeyValue("request_total", request.totalPlays());
        }
        return line.addKeyValue("outcome", outcome);
    }

    private static void retryAfter(LoggingEventBuilder line, Duration retryAfter) {
        if (retryAfter != null) {
            line.addKeyValue("retry_after_seconds", retryAfter.toSeconds());
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
