package io.musicrec.platform.testing;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A schema of its own for each test, in whatever database the test runs against: tests share a
 * server, never tables. In the platform's test-jar, for every module's tests.
 */
public final class TestSchemas {

    private TestSchemas() {
    }

    /**
     * A new, empty schema named {@code prefix} plus a random suffix; connections made with the
     * returned settings use it ({@code currentSchema}).
     */
    public static DatabaseSettings empty(DatabaseSettings base, String prefix) {
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(base); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        String url = base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DatabaseSettings(url, base.user(), base.password());
    }

    /** {@link #empty} with the migrations applied. */
    public static DatabaseSettings migrated(DatabaseSettings base, String prefix) {
        DatabaseSettings settings = empty(base, prefix);
        Migrations.migrate(settings);
        return settings;
    }

    /** A plain JDBC connection (auto-commit) for a test's own checks and set-up. */
    public static Connection connect(DatabaseSettings settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    /** One number from {@code schema}'s database, e.g. {@code SELECT count(*) FROM users WHERE id = ?}. */
    public static long count(DatabaseSettings schema, String sql, Object... parameters) {
        try (Connection connection = connect(schema); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows written for {@code user} in {@code schema}: users, plays and outbox rows together. */
    public static long rowsOf(DatabaseSettings schema, String user) {
        return count(schema, "SELECT (SELECT count(*) FROM users WHERE id = ?) + (SELECT count(*) FROM user_artist_plays WHERE user_id = ?)"
                + " + (SELECT count(*) FROM recalculation_outbox WHERE user_id = ?)", user, user, user);
    }
}
