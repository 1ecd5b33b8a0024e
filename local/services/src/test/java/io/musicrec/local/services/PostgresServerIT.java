package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIT {

    @Test
    void rowWrittenThroughJdbcIsReadBack() throws SQLException {
        try (PostgresServer postgres = PostgresServer.start(ServerOptions.ephemeral());
                Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE artists (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("INSERT INTO artists VALUES (289, 'Radiohead')");

            try (ResultSet rows = statement.executeQuery("SELECT name FROM artists WHERE id = 289")) {
                rows.next();
                assertEquals("Radiohead", rows.getString(1));
            }
        }
    }

    @Test
    void dataSurvivesRestartWithTheSameDataDirectory(@TempDir Path directory) throws SQLException {
        ServerOptions options = ServerOptions.ephemeral().withDataDirectory(directory.resolve("pg"));
        try (PostgresServer postgres = PostgresServer.start(options);
                Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE plays (user_id int, artist_id int, plays int)");
            statement.execute("INSERT INTO plays VALUES (1, 289, 5)");
        }

        try (PostgresServer postgres = PostgresServer.start(options);
                Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT plays FROM plays WHERE user_id = 1")) {
            rows.next();
            assertEquals(5, rows.getInt(1));
        }
    }
}
