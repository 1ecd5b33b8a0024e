package io.musicrec.platform.postgres;

import io.musicrec.platform.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.secrets.Secrets;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.core.BaseConnection;

/**
 * One PostgreSQL connection, opened on first use and reused (one request at a time per Lambda
 * container; RDS Proxy pools), used only through {@link #transaction} and {@link #statement}. Must not
 * miss: <b>every call ends within {@link Options#callTimeout()}</b>, the bound a function's {@code
 * TimeBudget} counts on. Timeouts are {@code SET LOCAL} per transaction, as a session {@code SET} pins
 * the connection in RDS Proxy. Conflicts and connections lost before commit are retried, so work must
 * be safe to repeat. A refused login rereads the secret once, so a rotated password needs no redeploy.
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
        /** Runs the work on the transaction's connection (auto-commit off); throwing rolls back. */
        T run(Connection connection) throws SQLException;
    }

    /** One statement's work: bind its parameters, execute it, read what it returns. */
    @FunctionalInterface
    public interface StatementWork<T> {
        /** Runs the statement, prepared in auto-commit mode; the work must not close it or its connection. */
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Timeouts and retries. {@code socketTimeout} is the driver's backstop when the server cannot even
     * cancel a statement, so it must exceed {@code statementTimeout}; {@code callTimeout} bounds a whole
     * {@link #transaction} or {@link #statement}, attempts and back-offs included; {@code maxAttempts}
     * counts runs of a transaction that keeps conflicting.
     */
    public record Options(Duration connectTimeout, Duration socketTimeout, Duration statementTimeout,
                          Duration lockTimeout, Duration validateAfterIdle, int maxAttempts, String applicationName,
                          Duration callTimeout) {

        /** A job's calls (migrations, imports, the trainer's read): Lambda's longest timeout less a minute to report. */
        public static final Duration LONGEST_CALL = Duration.ofMinutes(14);

        /** Timeouts are positive, the socket timeout longer than the statement timeout. */
        public Options {
            for (Duration d : new Duration[] {connectTimeout, socketTimeout, statementTimeout, lockTimeout, validateAfterIdle, callTimeout}) {
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

        /** Defaults for tools and tests; a function takes {@link #within} its budget instead. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(2),
                    Duration.ofSeconds(60), 5, "musicrec", Duration.ofSeconds(60));
        }

        /**
         * A request's options, every bound a share of {@code call}, what one call may take in all (its share
         * of the function's budget): connecting and a statement 40 % each, so a failed first attempt leaves
         * room for a second.
         */
        public static Options within(Duration call) {
            Duration statement = fraction(call, 0.4);
            return new Options(fraction(call, 0.4), statement.plus(fraction(call, 0.2)), statement, fraction(call, 0.2),
                    Duration.ofSeconds(60), 5, "musicrec", call);
        }

        private static Duration fraction(Duration d, double f) {
            return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * f)));
        }

        /**
         * The same with another statement timeout (and a socket timeout 10 s beyond it), for jobs:
         * calls may then take {@link #LONGEST_CALL}.
         */
        public Options withStatementTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout.plusSeconds(10), timeout, lockTimeout, validateAfterIdle, maxAttempts,
                    applicationName, LONGEST_CALL.compareTo(callTimeout) > 0 ? LONGEST_CALL : callTimeout);
        }

        /** The same under another application name. */
        public Options withApplicationName(String name) {
            return new Options(connectTimeout, socketTimeout, statementTimeout, lockTimeout, validateAfterIdle, maxAttempts, name,
                    callTimeout);
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

    /** A database whose connection opens on first use, with the settings' password. */
    public Database(DatabaseSettings settings, Options options, Clock clock) {
        this(settings, options, clock, Secrets.none());
    }

    /**
     * A database whose connection opens on first use, logging in with the secret's {@value
     * Secrets#DATABASE_PASSWORD} (the settings' when the secret has none); {@code clock} decides when an
     * idle connection needs checking.
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
     * Runs one statement as its own transaction (auto-commit): one round trip where {@link #transaction}
     * takes three. At {@link Options#statementTimeout()} a cancel request goes out from a thread of our
     * own, since the driver's query timeout would make the caller wait for the cancel's own round trip.
     * Conflicts and failed opens are retried; a connection lost mid-statement is not (it may have committed).
     *
     * @throws DatabaseException when the database fails or retries run out
     * @throws RuntimeException  what {@code work} threw (a domain error)
     */
    public <T> T statement(String sql, StatementWork<T> work) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(work, "work");
        return withRetries("statement failed", c -> {
            boolean cancelSent = false;
            try {
                c.setAutoCommit(true);
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    Canceller canceller = new Canceller(c, options.statementTimeout());
                    try {
                        return work.run(statement);
                    } finally {
                        cancelSent = canceller.stop();
                    }
                }
            } catch (SQLException e) {
                if (SqlStates.isConnectionLoss(e) || c.isClosed()) {
                    discardConnection();
                    throw new DatabaseException("the connection was lost while the statement ran; it may or may not have taken effect", e);
                }
                throw e;
            } finally {
                if (cancelSent) {
                    // A cancel request is on its way: it must not hit the connection's next statement.
                    discardConnection();
                } else {
                    restoreTransactions(c);
                }
            }
        });
    }

    /** One attempt of a transaction or statement on the connection; an {@link SQLException} may be retried. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs attempts on the one connection until one returns or throws anything but an {@link
     * SQLException}. Conflicts (40001, 40P01) and lost connections are retried with a random back-off up
     * to {@link Options#maxAttempts()}; an attempt that must not be repeated throws {@link DatabaseException}.
     */
    private <T> T withRetries(String failed, Attempt<T> attempt) {
        long deadline = System.nanoTime() + options.callTimeout().toNanos();
        for (int n = 1; ; n++) {
            SQLException failure;
            boolean timedOut = false;
            acquire(deadline);
            try {
                Connection c = usableConnection(deadline);
                Watchdog watchdog = Watchdog.arm(c, deadline);
                try {
                    return attempt.run(c);
                } catch (SQLException e) {
                    failure = e;
                } catch (DatabaseException e) {
                    if (watchdog.fired()) {
                        throw new DatabaseException("the call's timeout of " + options.callTimeout() + " passed", (SQLException) e.getCause());
                    }
                    throw e;
                } finally {
                    watchdog.disarm();
                    timedOut = watchdog.fired();
                    lastUsedMillis = clock.millis();
                }
            } catch (SQLException e) {
                // Opening or checking the connection failed: nothing was sent, so a retry is safe.
                discardConnection();
                failure = e;
            } finally {
                lock.unlock();
            }
            if (timedOut) {
                discardConnection();
            }
            boolean retryable = SqlStates.isConflict(failure) || SqlStates.isConnectionLoss(failure);
            long left = deadline - System.nanoTime();
            if (retryable && left <= 0) {
                throw new DatabaseException("the call's timeout of " + options.callTimeout() + " passed after " + n + " attempt"
                        + (n == 1 ? "" : "s"), failure);
            }
            if (!retryable || n >= options.maxAttempts()) {
                throw new DatabaseException(retryable ? "gave up after " + n + " attempts" : failed, failure);
            }
            backOff(n, left);
        }
    }

    /** Takes the connection's lock, waiting no longer than the call may take. */
    private void acquire(long deadline) {
        try {
            if (lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new DatabaseException("the connection stayed busy", new SQLTimeoutException(
                "another call held the connection past this call's timeout of " + options.callTimeout()));
    }

    /**
     * Aborts a connection (closes its socket, so a read the server never answers ends at once) when
     * the call's deadline passes; {@link #disarm()} when the attempt is over. One daemon thread per
     * JVM waits for every deadline.
     */
    private static final class Watchdog {
        private static final ScheduledThreadPoolExecutor TIMER = timer();

        private final ScheduledFuture<?> task;
        private volatile boolean fired;

        private Watchdog(Connection connection, long deadline) {
            this.task = TIMER.schedule(() -> {
                fired = true;
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException e) {
                    // Already closed, or closing failed: the attempt ends either way.
                }
            }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        static Watchdog arm(Connection connection, long deadline) {
            return new Watchdog(connection, deadline);
        }

        void disarm() {
            task.cancel(false);
        }

        boolean fired() {
            return fired;
        }

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "database-call-timeout");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /**
     * Asks the server to cancel what a connection runs once its statement timeout passes; the
     * request goes out on a thread of its own, never the caller's.
     */
    private static final class Canceller {
        private static final ExecutorService SENDERS = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "database-cancel");
            thread.setDaemon(true);
            return thread;
        });

        private final AtomicBoolean started = new AtomicBoolean();
        private final ScheduledFuture<?> task;

        Canceller(Connection connection, Duration after) {
            this.task = Watchdog.TIMER.schedule(() -> {
                if (started.compareAndSet(false, true)) {
                    SENDERS.execute(() -> {
                        try {
                            connection.unwrap(BaseConnection.class).cancelQuery();
                        } catch (SQLException | RuntimeException e) {
                            // The server is unreachable too: the call's deadline ends the wait.
                        }
                    });
                }
            }, after.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Stops the timer; true when a cancel request was sent or is being sent. */
        boolean stop() {
            task.cancel(false);
            return !started.compareAndSet(false, true);
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
     * Opens the connection now, for a cold start with time to spare; returns whether one is open. A
     * failure is not thrown: the first transaction or statement tries again and reports it.
     */
    public boolean connectNow() {
        lock.lock();
        try {
            usableConnection(System.nanoTime() + options.callTimeout().toNanos());
            return true;
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private Connection usableConnection(long deadline) throws SQLException {
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        if (connection != null && !connection.isClosed()) {
            boolean idle = clock.millis() - lastUsedMillis > options.validateAfterIdle().toMillis();
            if (!idle) {
                return connection;
            }
            Watchdog watchdog = Watchdog.arm(connection, deadline);
            try {
                if (connection.isValid((int) Math.max(1, options.connectTimeout().toSeconds()))) {
                    return connection;
                }
            } finally {
                watchdog.disarm();
            }
        }
        discardConnection();
        connection = open(deadline);
        lastUsedMillis = clock.millis();
        return connection;
    }

    private Connection open(long deadline) throws SQLException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SQLTimeoutException("no time left to open a connection", "08001");
        }
        long loginMillis = Math.max(1, Math.min(options.connectTimeout().toMillis(), TimeUnit.NANOSECONDS.toMillis(left)));
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, options.connectTimeout().toSeconds())));
        // The driver reads the login timeout (connecting, TLS, authentication) as fractional seconds.
        properties.setProperty("loginTimeout", String.format(Locale.ROOT, "%.3f", loginMillis / 1000.0));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, (options.socketTimeout().toMillis() + 999) / 1000)));
        properties.setProperty("tcpKeepAlive", "true");
        // A cancel request (see Canceller) gives up as soon as connecting would.
        properties.setProperty("cancelSignalTimeout", Long.toString(Math.max(1, (options.connectTimeout().toMillis() + 999) / 1000)));
        properties.setProperty("ApplicationName", options.applicationName());
        // The driver's default, stated: a statement run 5 times becomes a server-side prepared statement, which
        // spares the server parsing and planning the hot ones; RDS Proxy multiplexes these without pinning.
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
     * Opens a plain JDBC connection, for one kept outside a {@code Database} (the trainer's advisory
     * lock), with the secret's password as a {@code Database} logs in, rereading the secret once when refused.
     * {@code properties} (timeouts, application name) are not changed.
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

    private void backOff(int attempt, long leftNanos) {
        long ceiling = Math.min(200, 10L << Math.min(attempt, 4));
        try {
            Thread.sleep(Math.min(jitter.nextLong(ceiling / 2, ceiling + 1), TimeUnit.NANOSECONDS.toMillis(leftNanos)));
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
     * After a SnapStart restore: the snapshot's connection is dropped unchecked (checking a silently
     * dead one costs a timeout), and the back-off's jitter is reseeded so restored copies do not retry in step.
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
