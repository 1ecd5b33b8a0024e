package io.musicrec.platform.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        another = newStore(Clock.systemUTC());
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
