package io.musicrec.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import io.musicrec.local.services.testing.StalledServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseIT {

    private static DatabaseSettings settings;

    @BeforeAll
    static void schema() throws SQLException {
        settings = TestServices.freshSchema();
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
            s.execute("INSERT INTO counter VALUES (1, 0)");
        }
    }

    private static int backendPid(Database database) {
        return database.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    @Test
    void connectionIsReusedAcrossTransactions() {
        try (Database database = Database.connect(settings)) {
            assertEquals(backendPid(database), backendPid(database));
        }
    }

    @Test
    void killedConnectionIsReplacedAndTheTransactionRunsOnTheNewOne() throws SQLException {
        try (Database database = Database.connect(settings)) {
            int first = backendPid(database);
            try (Connection admin = TestSchemas.connect(settings); Statement s = admin.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + first + ")");
            }
            int second = backendPid(database);
            assertTrue(second != first, "a new backend serves the next transaction");
        }
    }

    @Test
    void longStatementIsCancelledByTheStatementTimeout() {
        Database.Options options = Database.Options.defaults().withStatementTimeout(Duration.ofMillis(200));
        try (Database database = new Database(settings, options, Clock.systemUTC())) {
            long start = System.nanoTime();
            DatabaseException e = assertThrows(DatabaseException.class, () -> database.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("SELECT pg_sleep(5)");
                }
            }));
            assertEquals(SqlStates.QUERY_CANCELED, e.sqlState());
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "cancelled well before the sleep ended");
            assertEquals(1, backendPid(database) > 0 ? 1 : 0, "the connection is usable afterwards");
        }
    }

    private static int counter(Database database) {
        return database.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM counter WHERE id = 1")) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    @Test
    void conflictIsRetriedAfterRollingBackTheFailedAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        try (Database database = Database.connect(settings)) {
            int before = counter(database);
            database.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 1");
                    if (attempts.incrementAndGet() == 1) {
                        throw new SQLException("could not serialize access", SqlStates.SERIALIZATION_FAILURE);
                    }
                    return null;
                }
            });
            assertEquals(2, attempts.get());
            assertEquals(before + 1, counter(database), "the first attempt's increment was rolled back, the second committed");
        }
    }

    @Test
    void realSerializationConflictBetweenTwoDatabasesIsResolvedByRetry() throws Exception {
        // Two "containers" increment the same row under SERIALIZABLE, interleaved: one of them
        // fails with 40001 and is run again, so no increment is lost.
        try (Database a = Database.connect(settings); Database b = Database.connect(settings)) {
            int start = counter(a);
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                Database database = t % 2 == 0 ? a : b;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        database.transaction(Database.Isolation.SERIALIZABLE, c -> {
                            try (Statement s = c.createStatement()) {
                                ResultSet r = s.executeQuery("SELECT n FROM counter WHERE id = 1");
                                r.next();
                                int n = r.getInt(1);
                                return s.executeUpdate("UPDATE counter SET n = " + (n + 1) + " WHERE id = 1");
                            }
                        });
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(start + 100, counter(a));
        }
    }

    @Test
    void exceptionFromTheWorkRollsBackAndPassesThrough() {
        try (Database database = Database.connect(settings)) {
            assertThrows(IllegalStateException.class, () -> database.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO counter VALUES (99, 1)");
                }
                throw new IllegalStateException("domain says no");
            }));
            assertEquals(0, (int) database.transaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM counter WHERE id = 99")) {
                    r.next();
                    return r.getInt(1);
                }
            }));
        }
    }

    @Test
    void unreachableServerFailsWithDatabaseException() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none", "u", "p");
        Database.Options options = new Database.Options(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(60), 2, "test", Duration.ofSeconds(10));
        try (Database database = new Database(nowhere, options, Clock.systemUTC())) {
            DatabaseException e = assertThrows(DatabaseException.class, () -> database.transaction(c -> 1));
            assertTrue(e.getMessage().startsWith("gave up after 2 attempts"), e.getMessage());
        }
    }

    private static int statementCounter(Database database) {
        return database.statement("SELECT n FROM counter WHERE id = 1", select -> {
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    @Test
    void aStatementCommitsOnItsOwnAndTransactionsStillRollBackAfterIt() throws SQLException {
        try (Database database = Database.connect(settings)) {
            int before = counter(database);
            assertEquals(1, (int) database.statement("UPDATE counter SET n = n + 1 WHERE id = 1", PreparedStatement::executeUpdate));
            try (Connection other = TestSchemas.connect(settings); Statement s = other.createStatement();
                    ResultSet r = s.executeQuery("SELECT n FROM counter WHERE id = 1")) {
                r.next();
                assertEquals(before + 1, r.getInt(1), "another connection sees the statement's update at once: it committed");
            }
            assertThrows(IllegalStateException.class, () -> database.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE counter SET n = n + 100 WHERE id = 1");
                }
                throw new IllegalStateException("domain says no");
            }));
            assertEquals(before + 1, statementCounter(database), "the transaction after the statement was not in auto-commit: rolled back");
            assertEquals(backendPid(database), (int) database.statement("SELECT pg_backend_pid()", select -> {
                try (ResultSet r = select.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }), "statements and transactions share the one connection");
        }
    }

    @Test
    void aLongStatementIsCancelledByTheQueryTimeout() {
        Database.Options options = Database.Options.defaults().withStatementTimeout(Duration.ofMillis(300));
        try (Database database = new Database(settings, options, Clock.systemUTC())) {
            long start = System.nanoTime();
            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> database.statement("SELECT pg_sleep(5)", PreparedStatement::execute));
            assertEquals(SqlStates.QUERY_CANCELED, e.sqlState());
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "cancelled well before the sleep ended");
            assertTrue(statementCounter(database) >= 0, "the connection is usable afterwards");
        }
    }

    @Test
    void aConflictingStatementIsRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        try (Database database = Database.connect(settings)) {
            int before = counter(database);
            database.statement("UPDATE counter SET n = n + 1 WHERE id = 1", update -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new SQLException("deadlock detected", SqlStates.DEADLOCK_DETECTED);
                }
                return update.executeUpdate();
            });
            assertEquals(2, attempts.get());
            assertEquals(before + 1, counter(database));
        }
    }

    @Test
    void aStatementRunRepeatedlyIsPreparedOnTheServer() {
        try (Database database = Database.connect(settings)) {
            String sql = "SELECT n FROM counter WHERE id = 1 AND n >= 0";
            for (int i = 0; i < 6; i++) {
                database.statement(sql, select -> {
                    try (ResultSet r = select.executeQuery()) {
                        return r.next();
                    }
                });
            }
            long prepared = database.statement("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%AND n >= 0%' AND NOT from_sql",
                    select -> {
                        try (ResultSet r = select.executeQuery()) {
                            r.next();
                            return r.getLong(1);
                        }
                    });
            assertEquals(1, prepared, "parsed and planned once on this connection, not on every call");
        }
    }

    @Test
    void connectNowOpensTheConnectionTheNextTransactionUsesAndReportsAnUnreachableServerWithoutThrowing() throws SQLException {
        try (Database database = Database.connect(settings)) {
            assertTrue(database.connectNow());
            int opened;
            try (Connection admin = TestSchemas.connect(settings); Statement s = admin.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'musicrec'")) {
                r.next();
                opened = r.getInt(1);
            }
            assertTrue(opened >= 1, "the connection is open before any transaction");
            int pid = backendPid(database);
            assertEquals(pid, backendPid(database));
        }
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none", "u", "p");
        Database.Options options = new Database.Options(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(60), 2, "test", Duration.ofSeconds(10));
        try (Database database = new Database(nowhere, options, Clock.systemUTC())) {
            assertFalse(database.connectNow());
            assertThrows(DatabaseException.class, () -> database.transaction(c -> 1), "the first transaction still reports it");
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsTheCallWithinItsTimeout() throws Exception {
        try (StalledServer stalled = StalledServer.start()) {
            DatabaseSettings frozen = new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + stalled.port() + "/none", "u", "p");
            Database.Options options = Database.Options.within(Duration.ofMillis(2500));
            try (Database database = new Database(frozen, options, Clock.systemUTC())) {
                long start = System.nanoTime();
                assertThrows(DatabaseException.class, () -> database.statement("SELECT 1", PreparedStatement::execute));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis <= 2500 + 300, "every attempt and back-off within the call's 2.5 s, took " + millis + " ms");
                assertTrue(stalled.accepted() >= 2, "the login timeout (1 s) left time for a second attempt: " + stalled.accepted());
            }
        }
    }

    @Test
    void aCallWaitingOnALockedRowEndsWithinItsTimeoutEvenWhenTheLockTimeoutWouldNot() throws Exception {
        // A lock timeout longer than the call: only the call's deadline can end the wait.
        Database.Options options = new Database.Options(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(60), 5, "test", Duration.ofMillis(1500));
        try (Connection holder = TestSchemas.connect(settings); Database database = new Database(settings, options, Clock.systemUTC())) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT n FROM counter WHERE id = 1 FOR UPDATE");
            }
            long start = System.nanoTime();
            DatabaseException e = assertThrows(DatabaseException.class, () -> database.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 1");
                }
            }));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1500 + 300, "ended at the call's deadline, took " + millis + " ms");
            assertTrue(e.getMessage().startsWith("the call's timeout of PT1.5S passed"), e.getMessage());
            holder.rollback();
            assertTrue(counter(database) >= 0, "the next call opens a new connection and works");
        }
    }
}
