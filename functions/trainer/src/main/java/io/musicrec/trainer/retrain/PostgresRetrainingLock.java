package io.musicrec.trainer.retrain;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.DatabaseException;
import io.musicrec.platform.secrets.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * {@link RetrainingLock} as a session-level PostgreSQL advisory lock ({@code pg_try_advisory_lock})
 * on a connection of its own, held for the whole run. If the process dies, the server drops the
 * session and with it the lock, so a crashed run never blocks the next one. Behind RDS Proxy the
 * session lock pins this one connection for the run, which is what it is for.
 *
 * <p>The key is derived from the model location ({@code bucket/prefix}): what the lock protects is
 * that location's pointer.
 */
public final class PostgresRetrainingLock implements RetrainingLock {

    private final DatabaseSettings settings;
    private final Secrets secrets;
    private final long key;

    /**
     * @param settings where the database is
     * @param key      the advisory lock key (see {@link #keyFor})
     */
    public PostgresRetrainingLock(DatabaseSettings settings, long key) {
        this(settings, Secrets.none(), key);
    }

    /**
     * @param settings where the database is
     * @param secrets  the function's secret: the password, read again when the login is refused
     * @param key      the advisory lock key (see {@link #keyFor})
     */
    public PostgresRetrainingLock(DatabaseSettings settings, Secrets secrets, long key) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.key = key;
    }

    /** The lock key for a model location: the first 8 bytes of SHA-256 of {@code musicrec-retraining:LOCATION}. */
    public static long keyFor(String modelLocation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("musicrec-retraining:" + modelLocation).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The key this lock takes. */
    public long key() {
        return key;
    }

    @Override
    public Optional<Lease> tryAcquire() {
        Connection connection = null;
        try {
            connection = open();
            if (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new PostgresLease(connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DatabaseException("cannot take the retraining lock " + key, e);
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "musicrec-retraining-lock");
        return Database.login(settings, secrets, properties);
    }

    private boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the server releases a session lock with the session anyway.
            }
        }
    }

    private final class PostgresLease implements Lease {
        private Connection connection;

        PostgresLease(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void close() {
            if (connection == null) {
                return;
            }
            try {
                call(connection, "SELECT pg_advisory_unlock(?)");
            } catch (SQLException ignored) {
                // Closing the session below releases the lock too.
            } finally {
                closeQuietly(connection);
                connection = null;
            }
        }
    }
}
