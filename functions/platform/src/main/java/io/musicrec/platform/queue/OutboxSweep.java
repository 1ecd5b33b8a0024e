package io.musicrec.platform.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.musicrec.platform.metrics.Metrics;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled sweep of the outbox: sends what plays left behind (SQS down, or a relay's container
 * gone), then publishes the backlog, above all {@value #OLDEST_PENDING_AGE}, which the template alarms
 * on. Another batch starts only while {@link #RESERVE} of the invocation is left, enough for a claim,
 * a batch of sends at their timeout and the mark.
 */
public final class OutboxSweep {

    /** Seconds since the oldest unsent message was written; 0 when none is pending. */
    public static final String OLDEST_PENDING_AGE = "OutboxOldestPendingAge";
    /** Messages not sent yet after the sweep. */
    public static final String PENDING = "OutboxPending";
    /** Messages this sweep sent. */
    public static final String SWEPT = "OutboxSwept";
    /** Time left in the invocation below which no further batch starts. */
    public static final Duration RESERVE = Duration.ofSeconds(45);

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweep.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /**
     * What one sweep did and left.
     *
     * @param sent             messages sent
     * @param queueUnavailable a send failed: SQS does not answer
     * @param pending          messages still waiting
     * @param oldestPendingAge the oldest waiting message's age; zero when none waits
     */
    public record Report(int sent, boolean queueUnavailable, long pending, Duration oldestPendingAge) {
        /** The report as one JSON object (the function's result). */
        public String toJson() {
            StringWriter text = new StringWriter(128);
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeNumberField("sent", sent);
                json.writeBooleanField("queue_unavailable", queueUnavailable);
                json.writeNumberField("pending", pending);
                json.writeNumberField("oldest_pending_seconds", oldestPendingAge.toSeconds());
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("a StringWriter does not fail", e);
            }
            return text.toString();
        }
    }

    private final OutboxRelay relay;
    private final Metrics metrics;
    private final Clock clock;

    /**
     * @param relay   sends the pending rows
     * @param metrics where the backlog's metrics go
     * @param clock   what ages are measured by
     */
    public OutboxSweep(OutboxRelay relay, Metrics metrics, Clock clock) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sends, then measures and publishes what is left.
     *
     * @param dimensions      the metrics' dimensions (the function's name)
     * @param remainingMillis the invocation's time left
     * @throws io.musicrec.platform.postgres.DatabaseException when the database fails (no metric
     *     is published then: the alarm treats a missing value as breaching)
     */
    public Report sweep(Map<String, String> dimensions, LongSupplier remainingMillis) {
        int sent = 0;
        boolean unavailable = false;
        while (true) {
            OutboxRelay.Result result = relay.relay(OutboxRelay.DEFAULT_BATCH_SIZE);
            sent += result.sent();
            if (result.queueUnavailable()) {
                unavailable = true;
                break;
            }
            if (result.sent() < OutboxRelay.DEFAULT_BATCH_SIZE || remainingMillis.getAsLong() < RESERVE.toMillis()) {
                break;
            }
        }
        OutboxRelay.Backlog backlog = relay.backlog();
        Report report = new Report(sent, unavailable, backlog.pending(), backlog.oldestAge(clock.instant()));
        Metrics.Line line = metrics.line();
        dimensions.forEach(line::dimension);
        line.value(OLDEST_PENDING_AGE, report.oldestPendingAge().toSeconds(), Metrics.Unit.SECONDS)
                .count(PENDING, report.pending())
                .count(SWEPT, report.sent())
                .emit();
        if (sent > 0 || unavailable) {
            LOG.atInfo().addKeyValue("sent", report.sent()).addKeyValue("queue_unavailable", report.queueUnavailable())
                    .addKeyValue("pending", report.pending()).addKeyValue("oldest_pending_seconds", report.oldestPendingAge().toSeconds())
                    .log("outbox sweep");
        }
        return report;
    }
}
