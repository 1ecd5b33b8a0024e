package io.musicrec.platform.queue;

import io.musicrec.platform.postgres.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the recalculation outbox ({@code recalculation_outbox} rows with no {@code sent_at}) to the
 * queue, oldest first, and marks what was sent.
 *
 * <p>Each batch is one transaction: lock up to {@code batchSize} pending rows with {@code FOR UPDATE
 * SKIP LOCKED}, send them one by one, mark those sent, commit. So:
 * <ul>
 *   <li><b>None lost.</b> The row was committed with its play; it stays pending until a relay has
 *       sent it and committed the mark. A queue that is down leaves it pending (the batch stops at
 *       the first failed send, marks what went out before it, and reports the queue unavailable);
 *       the next call (after the next play, or a periodic sweep) sends it.
 *   <li><b>None duplicated by concurrency.</b> A row is locked by one relay from its selection to
 *       its commit; other relays skip it, and once committed it is no longer pending (READ
 *       COMMITTED re-checks {@code sent_at IS NULL} on the locked row). Any number of relays may run.
 *   <li><b>The limit: at least once, not exactly once.</b> If the relay dies or loses the database
 *       after SQS accepted a message but before the mark is committed, the row is still pending and
 *       is sent again. SQS standard queues are at-least-once anyway; the worker's compare-and-set
 *       on {@code total_plays} makes a repeat harmless, and on a FIFO queue SQS drops it (see
 *       {@link SqsRecalculationQueue}). Across relays the order is per batch, not global: a user's
 *       total 10 may go out before their total 5 when two relays run, which the same compare-and-set
 *       absorbs.
 * </ul>
 * Rows are locked only while their batch is sent, which the SQS client's timeouts bound to seconds;
 * plays never wait for them (they insert new rows). A request relays {@linkplain #relay(int,
 * Duration) within a time}: no batch or send starts after it, so the relay ends by then plus one
 * send and one transaction.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** Rows per transaction unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Messages per {@link #relay()} call. */
    public static final int DEFAULT_MAX_MESSAGES = 50;

    private static final String CLAIM = """
            SELECT id, user_id, total_plays FROM recalculation_outbox
             WHERE sent_at IS NULL
             ORDER BY id
             LIMIT ?
               FOR UPDATE SKIP LOCKED""";
    private static final String MARK_SENT = "UPDATE recalculation_outbox SET sent_at = ? WHERE id = ANY (?)";
    private static final String COUNT_PENDING = "SELECT count(*) FROM recalculation_outbox WHERE sent_at IS NULL";

    /**
     * What one call did.
     *
     * @param sent             messages sent and marked
     * @param queueUnavailable true when a send failed: what was not sent stays pending
     * @param outOfTime        true when the relay's time ran out: what was not sent stays pending
     */
    public record Result(int sent, boolean queueUnavailable, boolean outOfTime) {
        /** Counts are not negative. */
        public Result {
            if (sent < 0) {
                throw new IllegalArgumentException("sent must be >= 0, got " + sent);
            }
        }

        /** A relay that did not run out of time. */
        public Result(int sent, boolean queueUnavailable) {
            this(sent, queueUnavailable, false);
        }
    }

    private final Database database;
    private final RecalculationQueue queue;
    private final Clock clock;
    private final int batchSize;

    /** A relay with batches of {@value #DEFAULT_BATCH_SIZE}. */
    public OutboxRelay(Database database, RecalculationQueue queue, Clock clock) {
        this(database, queue, clock, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param database  the database with the outbox
     * @param queue     where messages go
     * @param clock     the time written as {@code sent_at}
     * @param batchSize rows locked and sent per transaction, ≥ 1
     */
    public OutboxRelay(Database database, RecalculationQueue queue, Clock clock, int batchSize) {
        this.database = Objects.requireNonNull(database, "database");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** {@link #relay(int)} with at most {@value #DEFAULT_MAX_MESSAGES}: what a request should send on its way out. */
    public Result relay() {
        return relay(DEFAULT_MAX_MESSAGES);
    }

    /**
     * Sends pending messages, batch after batch, until none is left that another relay is not
     * already sending, {@code maxMessages} were sent, or the queue fails.
     *
     * @param maxMessages the most to send in this call (a request sends a few, a sweep many), ≥ 1
     * @throws io.musicrec.platform.postgres.DatabaseException when the database fails; what was
     *     committed before stays sent
     */
    public Result relay(int maxMessages) {
        return relay(maxMessages, Long.MAX_VALUE);
    }

    /**
     * {@link #relay(int)}, starting no batch and no send once {@code within} has passed: it ends by
     * then plus one send and one transaction (the database's and the SQS client's call timeouts).
     */
    public Result relay(int maxMessages, Duration within) {
        return relay(maxMessages, System.nanoTime() + within.toNanos());
    }

    private Result relay(int maxMessages, long deadline) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be >= 1, got " + maxMessages);
        }
        int sent = 0;
        while (sent < maxMessages) {
            if (timeUp(deadline)) {
                return new Result(sent, false, true);
            }
            int limit = Math.min(batchSize, maxMessages - sent);
            Batch batch = relayBatch(limit, deadline);
            sent += batch.sent;
            if (batch.queueUnavailable || batch.outOfTime) {
                return new Result(sent, batch.queueUnavailable, batch.outOfTime);
            }
            if (batch.claimed < limit) {
                break;
            }
        }
        return new Result(sent, false);
    }

    private static boolean timeUp(long deadline) {
        return deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0;
    }

    private record Batch(int claimed, int sent, boolean queueUnavailable, boolean outOfTime) {
    }

    private Batch relayBatch(int limit, long deadline) {
        return database.transaction(connection -> {
            List<Long> claimed = new ArrayList<>();
            List<RecalculationRequest> requests = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setInt(1, limit);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getLong(1));
                        requests.add(new RecalculationRequest(rows.getString(2), rows.getLong(3)));
                    }
                }
            }
            List<Long> sent = new ArrayList<>();
            boolean unavailable = false;
            boolean outOfTime = false;
            for (int i = 0; i < requests.size(); i++) {
                if (timeUp(deadline)) {
                    outOfTime = true;
                    break;
                }
                try {
                    queue.send(requests.get(i));
                    sent.add(claimed.get(i));
                } catch (QueueUnavailableException e) {
                    // Stop here: later rows would most likely fail too, and each failure costs a timeout.
                    LOG.warn("outbox relay: queue unavailable, {} message(s) left pending: {}", requests.size() - i, e.getMessage());
                    unavailable = true;
                    break;
                }
            }
            if (!sent.isEmpty()) {
                Array ids = connection.createArrayOf("bigint", sent.toArray());
                try (PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
                    mark.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    mark.setArray(2, ids);
                    mark.executeUpdate();
                } finally {
                    ids.free();
                }
            }
            return new Batch(claimed.size(), sent.size(), unavailable, outOfTime);
        });
    }

    /** How many messages are waiting to be sent (for sweeps, metrics and tests). */
    public long pending() {
        return database.transaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement(COUNT_PENDING);
                    ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
