package io.musicrec.platform.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
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

class PostgresPlayStoreIT {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static DatabaseSettings settings;
    private static Database database;
    private static PlayStore store;

    @BeforeAll
    static void schema() throws SQLException {
        settings = TestServices.freshSchema();
        try (Connection c = TestServices.connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists (id, name, search_name, listeners) VALUES "
                    + "(1, 'Low', 'low', 3), (2, 'Björk', 'björk', 2), (3, 'Sigur Rós', 'sigur rós', 1)");
        }
        database = Database.connect(settings);
        store = new PostgresPlayStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static long count(String sql) {
        try (Connection c = TestServices.connect(settings); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> outboxTotals(String userId) {
        try (Connection c = TestServices.connect(settings); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT total_plays FROM recalculation_outbox WHERE user_id = '" + userId + "' ORDER BY total_plays")) {
            List<Long> totals = new ArrayList<>();
            while (r.next()) {
                totals.add(r.getLong(1));
            }
            return totals;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void registerIsTrueOnlyTheFirstTime() {
        assertTrue(store.register("reg-once"));
        assertFalse(store.register("reg-once"));
        assertEquals(0, store.totalPlays("reg-once"));
    }

    @Test
    void playCountsPerArtistAndInTotal() {
        assertEquals(new PlayRecorded(1, 1, 1, false), store.recordPlay("counts", 1));
        assertEquals(new PlayRecorded(2, 1, 2, false), store.recordPlay("counts", 2));
        assertEquals(new PlayRecorded(1, 2, 3, false), store.recordPlay("counts", 1));
        assertEquals(List.of(new UserPlay(1, 2), new UserPlay(2, 1)), store.plays("counts"));
        assertEquals(3, store.totalPlays("counts"));
        assertEquals(new PlayHistory(3, List.of(new UserPlay(1, 2), new UserPlay(2, 1))), store.history("counts"));
    }

    @Test
    void firstPlayRegistersTheUser() {
        store.recordPlay("implicit", 3);
        assertFalse(store.register("implicit"));
    }

    @Test
    void fifthPlayQueuesExactlyOneRecalculation() {
        for (int i = 1; i <= 4; i++) {
            assertFalse(store.recordPlay("fifth", 1 + i % 3).recalculationQueued());
        }
        PlayRecorded fifth = store.recordPlay("fifth", 2);
        assertTrue(fifth.recalculationQueued());
        assertEquals(5, fifth.totalPlays());
        assertFalse(store.recordPlay("fifth", 2).recalculationQueued());
        assertEquals(List.of(5L), outboxTotals("fifth"));
        assertEquals(1, count("SELECT count(*) FROM recalculation_outbox WHERE user_id = 'fifth' AND sent_at IS NULL"
                + " AND created_at = '2026-03-01T12:00:00Z'"));
    }

    @Test
    void unknownArtistWritesNothing() {
        UnknownArtistException e = assertThrows(UnknownArtistException.class, () -> store.recordPlay("stranger", 999));
        assertEquals(999, e.artistId());
        assertThrows(UnknownArtistException.class, () -> store.recordPlay("stranger", 0));
        assertEquals(0, count("SELECT count(*) FROM users WHERE id = 'stranger'"), "not even the user");

        store.recordPlay("known", 1);
        assertThrows(UnknownArtistException.class, () -> store.recordPlay("known", 999));
        assertEquals(1, store.totalPlays("known"), "the total did not move");
    }

    @Test
    void unknownUserHasNoPlays() {
        assertEquals(List.of(), store.plays("nobody"));
        assertEquals(0, store.totalPlays("nobody"));
        assertEquals(new PlayHistory(0, List.of()), store.history("nobody"));
    }

    @Test
    void malformedUserIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.register(""));
        assertThrows(IllegalArgumentException.class, () -> store.register(" "));
        assertThrows(IllegalArgumentException.class, () -> store.register("x".repeat(256)));
        assertTrue(store.register("auth0|" + "ü".repeat(249)), "255 characters, more bytes, is fine");
    }

    @Test
    void concurrentPlaysOfOneUserSeeEveryTotalOnceAndQueueOnePerFive() throws Exception {
        // 16 threads, each its own Database (as 16 Lambda containers would be), 200 plays in all.
        int threads = 16;
        int plays = 200;
        List<Database> databases = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<PlayStore> stores = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Database d = Database.connect(settings);
                databases.add(d);
                stores.add(new PostgresPlayStore(d, Clock.systemUTC()));
            }
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<PlayRecorded> results = new ConcurrentLinkedQueue<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < plays; i++) {
                PlayStore s = stores.get(i % threads);
                int artist = 1 + i % 3;
                futures.add(pool.submit(() -> {
                    start.await();
                    results.add(s.recordPlay("crowd", artist));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }

            assertEquals(LongStream.rangeClosed(1, plays).boxed().toList(),
                    results.stream().map(PlayRecorded::totalPlays).sorted().toList(), "every total exactly once");
            assertEquals(plays / 5, results.stream().filter(PlayRecorded::recalculationQueued).count());
            assertTrue(results.stream().allMatch(r -> r.recalculationQueued() == (r.totalPlays() % 5 == 0)));
            assertEquals(LongStream.rangeClosed(1, plays / 5).map(n -> 5 * n).boxed().toList(), outboxTotals("crowd"));
            PlayHistory history = store.history("crowd");
            assertEquals(plays, history.totalPlays());
            assertEquals(plays, history.plays().stream().mapToLong(UserPlay::plays).sum(), "per-artist counts sum to the total");
        } finally {
            pool.shutdownNow();
            databases.forEach(Database::close);
        }
    }
}
