package io.musicrec.local.stack.queue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.local.stack.lambda.FunctionPool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox sweep's EventBridge schedule: invokes the outbox sweep function (the deployment's
 * handler, {@code io.musicrec.api.OutboxSweepHandler}) with a scheduled event every few seconds, so
 * that a recalculation request whose play was committed while SQS could not be reached is sent once
 * SQS is back, even if no further play comes to carry it. A failed sweep is logged once per run of
 * failures; the next one tries again.
 */
public final class SweepSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SweepSchedule.class);

    private final FunctionPool<ScheduledEvent, String> function;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private boolean failing;

    /**
     * @param function the sweep function
     * @param interval the pause between sweeps
     * @param clock    the events' time
     */
    public SweepSchedule(FunctionPool<ScheduledEvent, String> function, Duration interval, Clock clock) {
        this.function = Objects.requireNonNull(function, "function");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-sweep-schedule");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sweeps now and then every interval. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One scheduled invocation. */
    void sweep() {
        try {
            function.invoke(event(), UUID.randomUUID().toString());
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.atWarn().addKeyValue("retry_seconds", interval.toSeconds()).addKeyValue("error", e.toString()).log("outbox sweep failed; retrying");
            }
            failing = true;
        }
    }

    private ScheduledEvent event() {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setTime(new DateTime(clock.millis()));
        event.setResources(List.of("local:" + function.settings().name()));
        event.setDetail(Map.of());
        return event;
    }

    /** Stops sweeping (a sweep in progress finishes). */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
