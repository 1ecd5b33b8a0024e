package io.musicrec.local.stack.queue;

import io.musicrec.platform.queue.OutboxRelay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link OutboxRelay} every few seconds, so that a recalculation request whose play was
 * committed while SQS could not be reached is sent once SQS is back, even if no further play comes
 * to carry it. Says when it sent something, and once per outage that SQS is unreachable.
 */
public final class OutboxSweep implements AutoCloseable {

    /** Messages one sweep sends at most. */
    static final int MAX_MESSAGES_PER_SWEEP = 500;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweep.class);

    private final OutboxRelay relay;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private boolean queueWasDown;

    /**
     * @param relay    sends the pending rows
     * @param interval the pause between sweeps
     */
    public OutboxSweep(OutboxRelay relay, Duration interval) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sweeps now and then every interval. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One sweep. */
    void sweep() {
        try {
            OutboxRelay.Result result = relay.relay(MAX_MESSAGES_PER_SWEEP);
            if (result.sent() > 0) {
                LOG.info("outbox sweep: sent {} recalculation request(s) that plays had left in the outbox", result.sent());
            }
            if (result.queueUnavailable() && !queueWasDown) {
                LOG.warn("outbox sweep: SQS does not answer; pending requests stay in the outbox and go when it does");
            }
            queueWasDown = result.queueUnavailable();
        } catch (RuntimeException e) {
            LOG.warn("outbox sweep failed: {}", e.toString());
        }
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
