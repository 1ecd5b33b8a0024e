package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    @Test
    void aPostgresLeftRunningByAKilledProcessIsStoppedAndTheDirectoryStartsAgain(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("pg");
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(Holder.READY)) {
                // the child's log lines
            }
            assertEquals(Holder.READY, line, "the child never started its server");
        }
        holder.destroyForcibly().waitFor();
        long leftover = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        assertTrue(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false), "the killed child's postmaster runs on");

        try (PostgresServer postgres = PostgresServer.start(ServerOptions.ephemeral().withDataDirectory(data));
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM artists WHERE id = 289")) {
            rows.next();
            assertEquals("Radiohead", rows.getString(1));
            assertFalse(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false), "the leftover postmaster was stopped");
        }
    }

    /** A process that starts a server on a directory, writes a row and waits to be killed. */
    public static final class Holder {
        static final String READY = "holder: ready";

        public static void main(String[] arguments) throws SQLException, InterruptedException, IOException {
            PostgresServer postgres = PostgresServer.start(ServerOptions.ephemeral().withDataDirectory(Path.of(arguments[0])));
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE artists (id int PRIMARY KEY, name text NOT NULL)");
                statement.execute("INSERT INTO artists VALUES (289, 'Radiohead')");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
