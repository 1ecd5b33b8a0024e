package io.musicrec.platform.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import io.musicrec.local.services.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresPlayStoreIT extends PlayStoreContract {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static DatabaseSettings settings;
    private static final List<Database> DATABASES = new ArrayList<>();
    private static PlayStore store;
    private static PlayStore another;

    @BeforeAll
    static void schema() throws SQLException {
        settings = TestServices.freshSchema();
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists (id, name, search_name, listeners) VALUES "
                    + "(1, 'Low', 'low', 3), (2, 'Björk', 'björk', 2), (3, 'Sigur Rós', 'sigur rós', 1)");
        }
        store = newStore(Clock.fixed(NOW, ZoneOffset.UTC));
        // The same fixed clock: a key one store wrote is live for the other.
        another = newStore(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PlayStore newStore(Clock clock) {
        Database database = Database.connect(settings);
        DATABASES.add(database);
        return new PostgresPlayStore(database, clock);
    }

    @AfterAll
    static void close() {
        DATABASES.forEach(Database::close);
    }

    @Override
    PlayStore store() {
        return store;
    }

    @Override
    PlayStore anotherStore() {
        return another;
    }

    private static List<String> outbox(String userId) {
        try (Connection c = TestSchemas.connect(settings);
                PreparedStatement s = c.prepareStatement("SELECT total_plays, created_at = ?, sent_at IS NULL"
                        + " FROM recalculation_outbox WHERE user_id = ? ORDER BY total_plays")) {
            s.setObject(1, NOW.atOffset(ZoneOffset.UTC));
            s.setString(2, userId);
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getLong(1) + (r.getBoolean(2) ? " at clock" : " at other time") + (r.getBoolean(3) ? " pending" : " sent"));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> outboxTotals(String userId) {
        return outbox(userId).stream().map(row -> Long.parseLong(row.substring(0, row.indexOf(' ')))).toList();
    }

    @Test
    void fifthPlayWritesOnePendingOutboxRowStampedByTheClock() {
        String user = newUser();
        for (int i = 1; i <= 6; i++) {
            store.recordPlay(user, 1 + i % 3);
        }
        assertEquals(List.of("5 at clock pending"), outbox(user));
    }

    @Test
    void concurrentPlaysOfOneUserLeaveOneOutboxRowPerMultipleOfFive() throws Exception {
        String user = concurrentPlaysOfOneUserSeeEveryTotalOnce();
        assertEquals(LongStream.rangeClosed(1, 40).map(n -> 5 * n).boxed().toList(), outboxTotals(user));
    }

    @Test
    void sixteenContainersRetryingOneKeyAtOnceRecordOnePlayAndAllGetItsAnswer() throws Exception {
        int threads = 16;
        String user = newUser();
        for (int i = 1; i <= 4; i++) {
            store.recordPlay(user, 1);
        }
        IdempotencyKey key = newKey();
        List<PlayStore> stores = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            stores.add(newStore(Clock.systemUTC()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PlayRecorded>> answers = new ArrayList<>();
            for (PlayStore s : stores) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return s.recordPlay(user, 2, key);
                }));
            }
            start.countDown();
            List<PlayRecorded> recorded = new ArrayList<>();
            for (Future<PlayRecorded> answer : answers) {
                recorded.add(answer.get());
            }
            assertEquals(1, recorded.stream().filter(r -> !r.replayed()).count(), "exactly one recorded now: " + recorded);
            assertEquals(List.of(new PlayRecorded(2, 1, 5, true)), recorded.stream()
                    .map(r -> new PlayRecorded(r.artistId(), r.plays(), r.totalPlays(), r.recalculationQueued())).distinct().toList(),
                    "every answer is the first one");
            assertEquals(5, store.totalPlays(user));
            assertEquals(List.of(5L), outboxTotals(user), "one recalculation for the fifth play");
            assertEquals(1, keys(user));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyExpiresAfter24HoursAndThenNamesANewPlay() {
        MutableClock clock = new MutableClock(NOW);
        PlayStore timed = newStore(clock);
        String user = newUser();
        IdempotencyKey key = newKey();
        assertEquals(new PlayRecorded(1, 1, 1, false), timed.recordPlay(user, 1, key));

        clock.advance(IdempotencyKey.LIFETIME.minusSeconds(1));
        assertEquals(new PlayRecorded(1, 1, 1, false, true), timed.recordPlay(user, 1, key), "still live a second before");
        assertThrows(IdempotencyKeyReusedException.class, () -> timed.recordPlay(user, 2, key));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(new PlayRecorded(2, 1, 2, false), timed.recordPlay(user, 2, key), "expired: a new play, for any artist");
        assertEquals(new PlayRecorded(2, 1, 2, false, true), timed.recordPlay(user, 2, key), "and the key names it now");
        assertEquals(1, keys(user));
    }

    @Test
    void eachKeyedPlaySweepsAtMostTwoExpiredKeys() {
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(30)));
        PlayStore timed = newStore(clock);
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            timed.recordPlay(user, 1, newKey());
        }
        long expiredBefore = expiredKeys(clock.instant().plus(IdempotencyKey.LIFETIME));
        assertTrue(expiredBefore >= 5, "this test's keys at least: " + expiredBefore);
        clock.advance(IdempotencyKey.LIFETIME.plusSeconds(1));

        timed.recordPlay(newUser(), 2, newKey());
        assertEquals(expiredBefore - 2, expiredKeys(clock.instant()), "two swept, no more");
        timed.recordPlay(user, 2);
        assertEquals(expiredBefore - 2, expiredKeys(clock.instant()), "a play without a key sweeps nothing");
    }

    private static long keys(String userId) {
        return count("SELECT count(*) FROM play_idempotency_keys WHERE user_id = ?", userId);
    }

    /** Keys that are expired at {@code now}, of any user. */
    private static long expiredKeys(Instant now) {
        return count("SELECT count(*) FROM play_idempotency_keys WHERE created_at <= ?", now.minus(IdempotencyKey.LIFETIME).atOffset(ZoneOffset.UTC));
    }

    private static long count(String sql, Object parameter) {
        try (Connection c = TestSchemas.connect(settings); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sixteenContainersPlayingAtOnceStillQueueExactlyFortyRows() throws Exception {
        // Each thread its own Database, as 16 Lambda containers would be.
        int threads = 16;
        String user = newUser();
        List<PlayStore> stores = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            stores.add(newStore(Clock.systemUTC()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<Long> totals = new ConcurrentLinkedQueue<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                PlayStore s = stores.get(i % threads);
                int artist = 1 + i % 3;
                futures.add(pool.submit(() -> {
                    start.await();
                    totals.add(s.recordPlay(user, artist).totalPlays());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), totals.stream().sorted().toList());
            assertEquals(LongStream.rangeClosed(1, 40).map(n -> 5 * n).boxed().toList(), outboxTotals(user));
        } finally {
            pool.shutdownNow();
        }
    }
}
