package io.musicrec.platform.queue;

import io.musicrec.platform.postgres.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending outbox rows to the queue, oldest first, per batch: claim rows ({@code SKIP LOCKED}, so
 * concurrent relays take different ones) and commit, send one by one until one fails, mark the sent
 * and release the rest; no transaction is open across a send. Must not miss: delivery is <b>at least
 * once</b>. A relay that dies between a send and its mark leaves the row to be sent again after {@link
 * #CLAIM_DURATION}, which the worker's newer-document rule makes harmless. {@link #relay(int,
 * Duration)} starts no batch or send after its time.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** Rows per batch unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Messages per {@link #relay()} call. */
    public static final int DEFAULT_MAX_MESSAGES = 50;
    /**
     * How long a claim keeps other relays off a row: longer than a batch can take (each send and statement
     * is bounded by its client's call timeout) and than any function that relays may run.
     */
    public static final Duration CLAIM_DURATION = Duration.ofMinutes(2);

    private static final String CLAIM = """
            UPDATE recalculation_outbox SET claimed_until = ?
             WHERE id IN (SELECT id FROM recalculation_outbox
                           WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)
                           ORDER BY id
                           LIMIT ?
                             FOR UPDATE SKIP LOCKED)
            RETURNING id, user_id, total_plays""";
    private static final String MARK_SENT = "UPDATE recalculation_outbox SET sent_at = ? WHERE id = ANY (?)";
    private static final String RELEASE = """
            UPDATE recalculation_outbox SET claimed_until = NULL
             WHERE id = ANY (?) AND claimed_until = ? AND sent_at IS NULL""";
    private static final String BACKLOG = "SELECT count(*), min(created_at) FROM recalculation_outbox WHERE sent_at IS NULL";

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

    /**
     * The messages not sent yet.
     *
     * @param pending       how many
     * @param oldestCreated when the oldest was written (with its play); empty when none is pending
     */
    public record Backlog(long pending, Optional<Instant> oldestCreated) {
        /** The oldest's age at {@code now}; zero when none is pending. */
        public Duration oldestAge(Instant now) {
            return oldestCreated.map(created -> Duration.between(created, now)).filter(age -> !age.isNegative()).orElse(Duration.ZERO);
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
     * @param clock     the time written as {@code sent_at}, and what claims run out by
     * @param batchSize rows claimed and sent per batch, ≥ 1
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
     * Sends pending messages, batch after batch, until none is left that another relay has not
     * claimed, {@code maxMessages} were sent, or the queue fails.
     *
     * @param maxMessages the most to send in this call (a request sends a few, a sweep many), ≥ 1
     * @throws io.musicrec.platform.postgres.DatabaseException when the database fails; what was
     *     marked before stays sent
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

    private record Row(long id, RecalculationRequest request) {
    }

    private record Batch(int claimed, int sent, boolean queueUnavailable, boolean outOfTime) {
    }

    private Batch relayBatch(int limit, long deadline) {
        // Microseconds: what timestamptz keeps, so the release below finds the claim it made.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime claimedUntil = OffsetDateTime.ofInstant(now.plus(CLAIM_DURATION), ZoneOffset.UTC);
        List<Row> rows = claim(limit, now, claimedUntil);
        List<Long> sent = new ArrayList<>();
        boolean unavailable = false;
        boolean outOfTime = false;
        RuntimeException failure = null;
        try {
            for (Row row : rows) {
                if (timeUp(deadline)) {
                    outOfTime = true;
                    break;
                }
                try {
                    queue.send(row.request);
                    sent.add(row.id);
                } catch (QueueUnavailableException e) {
                    // Stop here: later rows would most likely fail too, and each failure costs a timeout.
                    LOG.atWarn().addKeyValue("left_pending", rows.size() - sent.size()).addKeyValue("error", e.getMessage())
                            .log("outbox relay: queue unavailable, messages left pending");
                    unavailable = true;
                    break;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (!sent.isEmpty()) {
            try {
                markSent(sent);
            } catch (RuntimeException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                throw e;
            }
        }
        if (sent.size() < rows.size()) {
            release(rows.subList(sent.size(), rows.size()), claimedUntil);
        }
        if (failure != null) {
            throw failure;
        }
        return new Batch(rows.size(), sent.size(), unavailable, outOfTime);
    }

    private List<Row> claim(int limit, Instant now, OffsetDateTime claimedUntil) {
        List<Row> rows = database.statement(CLAIM, statement -> {
            statement.setObject(1, claimedUntil);
            statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            statement.setInt(3, limit);
            List<Row> claimed = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    claimed.add(new Row(result.getLong(1), new RecalculationRequest(result.getString(2), result.getLong(3))));
                }
            }
            return claimed;
        });
        rows.sort(Comparator.comparingLong(Row::id));
        return rows;
    }

    /** Retried by the transaction when the connection drops: setting {@code sent_at} twice is harmless. */
    private void markSent(List<Long> ids) {
        database.transaction(connection -> {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            try (PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
                mark.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                mark.setArray(2, array);
                return mark.executeUpdate();
            } finally {
                array.free();
            }
        });
    }

    /** Best effort: a claim that cannot be released runs out by itself. Only this relay's claim is released. */
    private void release(List<Row> rows, OffsetDateTime claimedUntil) {
        try {
            database.transaction(connection -> {
                Array array = connection.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
                try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
                    release.setArray(1, array);
                    release.setObject(2, claimedUntil);
                    return release.executeUpdate();
                } finally {
                    array.free();
                }
            });
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("claimed", rows.size()).addKeyValue("error", e.toString())
                    .log("outbox relay: could not release claimed rows; they go when the claim runs out");
        }
    }

    /** How many messages are waiting to be sent (for sweeps, metrics and tests). */
    public long pending() {
        return backlog().pending();
    }

    /** The messages waiting to be sent, and when the oldest was written. */
    public Backlog backlog() {
        return database.transaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement(BACKLOG);
                    ResultSet row = count.executeQuery()) {
                row.next();
                OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
                return new Backlog(row.getLong(1), Optional.ofNullable(oldest).map(OffsetDateTime::toInstant));
            }
        });
    }
}
