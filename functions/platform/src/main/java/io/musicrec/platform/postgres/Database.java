package io.musicrec.platform.postgres;

import io.musicrec.platform.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.secrets.Secrets;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.jdbc.PgStatement;

/**
 * One PostgreSQL connection, opened on first use and reused, as a Lambda container wants it (one
 * request at a time, RDS Proxy doing the pooling). Work runs in transactions through {@link
 * #transaction}, or as one statement that is its own transaction through {@link #statement};
 * callers never see the connection outside either.
 *
 * <ul>
 *   <li>A broken connection is dropped and the next transaction opens a new one; a connection idle
 *       for longer than {@link Options#validateAfterIdle()} (a thawed Lambda, a proxy's idle
 *       timeout) is checked before use.
 *   <li>Every transaction starts with {@code SET LOCAL statement_timeout} and {@code lock_timeout}:
 *       transaction-scoped, so RDS Proxy does not pin the session the way a session {@code SET}
 *       or a startup {@code options} parameter would. A {@link #statement} has no transaction to
 *       scope them to, so its timeout is the driver's query timeout (on expiry the driver asks the
 *       server to cancel the statement), and no lock timeout but that.
 *   <li>Statements run five times on a connection become server-side prepared statements (the
 *       driver's default {@code prepareThreshold}), so PostgreSQL stops parsing and planning the
 *       hot ones on every call: the play's statement costs the server less than half as much
 *       prepared. RDS Proxy multiplexes the extended query protocol's prepared statements without
 *       pinning since November 2023 (it replays the statement's Parse on whichever database
 *       connection serves the next transaction: AWS Database Blog, "Amazon RDS Proxy multiplexing
 *       support for PostgreSQL Extended Query Protocol"); SQL {@code PREPARE} would still pin, and
 *       nothing here uses it.
 *   <li>The password is the secret's {@code database_password} when the function has a secret
 *       (else the settings'); a login refused with it reads the secret again and logs in once
 *       more, so a rotated password needs no redeploy.
 *   <li>A transaction aborted by a serialization failure or deadlock, or by a lost connection
 *       before its commit was sent, is run again (up to {@link Options#maxAttempts()}), so work
 *       must be safe to repeat from the start: it is, since its previous run was rolled back. A
 *       connection lost during commit is not retried, as the commit may have happened.
 * </ul>
 *
 * <p>Thread-safe: concurrent transactions on one instance take turns. Several containers are
 * several instances.
 */
public final class Database implements AutoCloseable {

    /** Transaction isolation levels, set per transaction ({@code SET TRANSACTION}). */
    public enum Isolation {
        /** PostgreSQL's default: each statement sees what was committed before it began. */
        READ_COMMITTED("READ COMMITTED"),
        /** One snapshot for the whole transaction. */
        REPEATABLE_READ("REPEATABLE READ"),
        /** As if transactions ran one at a time; conflicts abort with 40001 and are retried. */
        SERIALIZABLE("SERIALIZABLE");

        private final String sql;

        Isolation(String sql) {
            this.sql = sql;
        }
    }

    /** Work done inside a transaction; it must not commit, roll back or close the connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Runs the work.
         *
         * @param connection the transaction's connection (auto-commit off)
         * @return the result handed back by {@link #transaction}
         * @throws SQLException to roll back; wrapped in {@link DatabaseException} unless retried
         */
        T run(Connection connection) throws SQLException;
    }

    /** One statement's work: bind its parameters, execute it, read what it returns. */
    @FunctionalInterface
    public interface StatementWork<T> {
        /**
         * Runs the statement.
         *
         * @param statement the statement, prepared on a connection in auto-commit mode, its query
         *                  timeout set; the work must not close it or its connection
         * @return the result handed back by {@link #statement}
         * @throws SQLException wrapped in {@link DatabaseException} unless retried
         */
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Timeouts and retries.
     *
     * @param connectTimeout    how long opening a connection may take
     * @param socketTimeout     how long the driver waits for any answer: the backstop if the server
     *                          cannot even cancel a statement; longer than {@code statementTimeout}
     * @param statementTimeout  the longest a statement may run on the server
     * @param lockTimeout       the longest a statement may wait for a row or table lock
     * @param validateAfterIdle a connection unused for this long is checked before use
     * @param maxAttempts       how often a transaction is run when it keeps hitting conflicts (≥ 1)
     * @param applicationName   shown in {@code pg_stat_activity}
     */
    public record Options(Duration connectTimeout, Duration socketTimeout, Duration statementTimeout,
                          Duration lockTimeout, Duration validateAfterIdle, int maxAttempts, String applicationName) {

        /** Timeouts are positive, the socket timeout longer than the statement timeout. */
        public Options {
            for (Duration d : new Duration[] {connectTimeout, socketTimeout, statementTimeout, lockTimeout, validateAfterIdle}) {
                if (Objects.requireNonNull(d, "timeout").isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive, got " + d);
                }
            }
            if (socketTimeout.compareTo(statementTimeout) <= 0) {
                throw new IllegalArgumentException("socketTimeout " + socketTimeout + " must exceed statementTimeout " + statementTimeout
                        + ", or the driver gives up before the server cancels");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
            }
            Objects.requireNonNull(applicationName, "applicationName");
        }

        /**
         * Request-sized defaults: connect 5 s, statements 5 s, locks 2 s, socket 15 s, check after
         * 60 s idle, 5 attempts.
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(2),
                    Duration.ofSeconds(60), 5, "musicrec");
        }

        /** The same with another statement timeout (and a socket timeout 10 s beyond it). */
        public Options withStatementTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout.plusSeconds(10), timeout, lockTimeout, validateAfterIdle, maxAttempts,
                    applicationName);
        }

        /** The same under another application name. */
        public Options withApplicationName(String name) {
            return new Options(connectTimeout, socketTimeout, statementTimeout, lockTimeout, validateAfterIdle, maxAttempts, name);
        }
    }

    private final DatabaseSettings settings;
    private final Secrets secrets;
    private final Options options;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final String transactionSettings;
    /** The back-off's jitter; reseeded after a restore (see {@link #restored()}). Thread-safe. */
    private final Random jitter = new Random();
    private Connection connection;
    private long lastUsedMillis;
    private boolean closed;

    /**
     * A database whose connection opens on first use.
     *
     * @param settings where and as whom
     * @param options  timeouts and retries
     * @param clock    decides when an idle connection needs checking
     */
    public Database(DatabaseSettings settings, Options options, Clock clock) {
        this(settings, options, clock, Secrets.none());
    }

    /**
     * A database whose connection opens on first use, with the password from a secret.
     *
     * @param settings where and as whom (its password serves when the secret has none)
     * @param options  timeouts and retries
     * @param clock    decides when an idle connection needs checking
     * @param secrets  the function's secret: {@value Secrets#DATABASE_PASSWORD}, read again when the login is refused
     */
    public Database(DatabaseSettings settings, Options options, Clock clock, Secrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transactionSettings = "SET LOCAL statement_timeout = " + options.statementTimeout().toMillis()
                + "; SET LOCAL lock_timeout = " + options.lockTimeout().toMillis();
    }

    /** A database with the default options and the system clock. */
    public static Database connect(DatabaseSettings settings) {
        return new Database(settings, Options.defaults(), Clock.systemUTC());
    }

    /** The settings this database connects with (the password stays inside). */
    public DatabaseSettings settings() {
        return settings;
    }

    /** Runs {@code work} in a READ COMMITTED transaction; see {@link #transaction(Isolation, Work)}. */
    public <T> T transaction(Work<T> work) {
        return transaction(Isolation.READ_COMMITTED, work);
    }

    /**
     * Runs {@code work} in one transaction and commits it; rolls back when it throws. Conflicts
     * and a connection lost before the commit are retried with a short random back-off.
     *
     * @return what {@code work} returned
     * @throws DatabaseException when the database fails or retries run out
     * @throws RuntimeException  what {@code work} threw, after the rollback (e.g. a domain error)
     */
    public <T> T transaction(Isolation isolation, Work<T> work) {
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(work, "work");
        return withRetries("transaction failed", c -> {
            boolean commitSent = false;
            try {
                try (Statement statement = c.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL " + isolation.sql + "; " + transactionSettings);
                }
                T result = work.run(c);
                commitSent = true;
                c.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                if (SqlStates.isConnectionLoss(e) || c.isClosed()) {
                    discardConnection();
                    if (commitSent) {
                        throw new DatabaseException("the connection was lost during commit; the transaction may or may not have committed", e);
                    }
                }
                throw e;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        });
    }

    /**
     * Runs one statement as its own transaction (auto-commit): one round trip where {@link
     * #transaction} takes three (its settings with {@code BEGIN}, the work, {@code COMMIT}). For
     * work that is a single statement, which PostgreSQL runs atomically anyway, e.g. a play's one
     * statement of three upserts. The statement's timeout is {@link Options#statementTimeout()}, as
     * the driver's query timeout; there is no separate lock timeout.
     *
     * <p>A conflict (serialization failure or deadlock: the statement was rolled back) and a
     * connection that failed to open are retried as in {@link #transaction}; a connection lost while
     * the statement ran is not, since the statement may have committed.
     *
     * @param sql  the statement
     * @param work binds, executes and reads it
     * @return what {@code work} returned
     * @throws DatabaseException when the database fails or retries run out
     * @throws RuntimeException  what {@code work} threw (a domain error)
     */
    public <T> T statement(String sql, StatementWork<T> work) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(work, "work");
        return withRetries("statement failed", c -> {
            try {
                c.setAutoCommit(true);
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.unwrap(PgStatement.class).setQueryTimeoutMs(options.statementTimeout().toMillis());
                    return work.run(statement);
                }
            } catch (SQLException e) {
                if (SqlStates.isConnectionLoss(e) || c.isClosed()) {
                    discardConnection();
                    throw new DatabaseException("the connection was lost while the statement ran; it may or may not have taken effect", e);
                }
                throw e;
            } finally {
                restoreTransactions(c);
            }
        });
    }

    /** One attempt of a transaction or statement on the connection; an {@link SQLException} may be retried. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs attempts, one at a time on the one connection, until one returns or throws anything but
     * an {@link SQLException}: a conflict (40001, 40P01: rolled back) or a lost connection is tried
     * again after a short random back-off, up to {@link Options#maxAttempts()}; any other {@link
     * SQLException} ends it. A connection that cannot be opened or checked counts as lost: nothing
     * was sent on it. An attempt that must not be repeated throws {@link DatabaseException} itself.
     */
    private <T> T withRetries(String failed, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            SQLException failure;
            lock.lock();
            try {
                Connection c = usableConnection();
                try {
                    return attempt.run(c);
                } catch (SQLException e) {
                    failure = e;
                } finally {
                    lastUsedMillis = clock.millis();
                }
            } catch (SQLException e) {
                // Opening or checking the connection failed: nothing was sent, so a retry is safe.
                discardConnection();
                failure = e;
            } finally {
                lock.unlock();
            }
            boolean retryable = SqlStates.isConflict(failure) || SqlStates.isConnectionLoss(failure);
            if (!retryable || n >= options.maxAttempts()) {
                throw new DatabaseException(retryable ? "gave up after " + n + " attempts" : failed, failure);
            }
            backOff(n);
        }
    }

    /** Back to what {@link #transaction} expects: auto-commit off (no round trip: nothing is open). */
    private void restoreTransactions(Connection c) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(false);
            }
        } catch (SQLException e) {
            discardConnection();
        }
    }

    /**
     * Opens the connection now rather than on first use, for a cold start with time to spare (e.g.
     * while another client connects on another thread). A failure is not thrown: the first
     * transaction or statement opens it again and reports what is wrong.
     *
     * @return true when a connection is open
     */
    public boolean connectNow() {
        lock.lock();
        try {
            usableConnection();
            return true;
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private Connection usableConnection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        if (connection != null && !connection.isClosed()) {
            boolean idle = clock.millis() - lastUsedMillis > options.validateAfterIdle().toMillis();
            if (!idle || connection.isValid((int) Math.max(1, options.connectTimeout().toSeconds()))) {
                return connection;
            }
        }
        discardConnection();
        connection = open();
        lastUsedMillis = clock.millis();
        return connection;
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, options.connectTimeout().toSeconds())));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, options.connectTimeout().toSeconds())));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, options.socketTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", options.applicationName());
        // The driver's default: a statement run 5 times on this connection is prepared on the server (see above).
        properties.setProperty("prepareThreshold", "5");
        Connection opened = login(settings, secrets, properties);
        try {
            opened.setAutoCommit(false);
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /**
     * Opens a plain JDBC connection as the settings' user, with the secret's {@value
     * Secrets#DATABASE_PASSWORD} when it has one (else the settings' password); a login refused
     * with it reads the secret again and tries once more. For connections kept outside a {@code
     * Database} (the trainer's advisory lock).
     *
     * @param properties the driver's other properties (timeouts, application name); not changed
     */
    public static Connection login(DatabaseSettings settings, Secrets secrets, Properties properties) throws SQLException {
        try {
            return login(settings, secrets.value(Secrets.DATABASE_PASSWORD).orElse(settings.password()), properties);
        } catch (SQLException e) {
            if (!SqlStates.isLoginRefused(e) || !secrets.configured()) {
                throw e;
            }
            secrets.refresh();
            return login(settings, secrets.value(Secrets.DATABASE_PASSWORD).orElse(settings.password()), properties);
        }
    }

    private static Connection login(DatabaseSettings settings, String password, Properties properties) throws SQLException {
        Properties withLogin = new Properties();
        withLogin.putAll(properties);
        if (!settings.user().isEmpty()) {
            withLogin.setProperty("user", settings.user());
        }
        if (!password.isEmpty()) {
            withLogin.setProperty("password", password);
        }
        return DriverManager.getConnection(settings.jdbcUrl(), withLogin);
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being thrown away because it is broken; closing it may fail too.
            }
            connection = null;
        }
    }

    private void backOff(int attempt) {
        long ceiling = Math.min(200, 10L << Math.min(attempt, 4));
        try {
            Thread.sleep(jitter.nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }

    /**
     * Closes the connection now; unlike {@link #close()}, the next transaction or statement opens a
     * new one. Before a SnapStart snapshot: the server sees the connection end rather than keep an
     * abandoned one (and a proxy's slot) until its idle timeout.
     */
    public void closeConnection() {
        lock.lock();
        try {
            discardConnection();
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a SnapStart restore: the connection held in the snapshot is closed unchecked, as the
     * server dropped it long ago or, worse, the network drops it silently, and checking it would
     * cost a round trip or a timeout; the next use opens a new one. The retry back-off's jitter is
     * reseeded, or environments restored from one snapshot that conflict would back off in step.
     */
    public void restored() {
        jitter.setSeed(RestoreHooks.freshSeed());
        closeConnection();
    }

    /** Closes the connection; later transactions fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            discardConnection();
        } finally {
            lock.unlock();
        }
    }

    /** The settings without the password. */
    @Override
    public String toString() {
        return "Database[" + settings + "]";
    }
}
