package io.musicrec.platform.testing;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
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
}
