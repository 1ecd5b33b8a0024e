package io.musicrec.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema refuses bad rows by itself, whatever code writes them. */
class MigrationsIT {

    private static DatabaseSettings settings;

    @BeforeAll
    static void migrate() throws SQLException {
        settings = TestServices.freshSchema();
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists (id, name, search_name, listeners) VALUES (1, 'Low', 'low', 3)");
            s.execute("INSERT INTO users (id) VALUES ('alice')");
        }
    }

    @Test
    void secondRunAppliesNothing() throws Exception {
        Migrations.Report again = Migrations.migrate(settings);
        assertEquals(0, again.applied());
        assertEquals(latestVersion(), again.schemaVersion());
    }

    /** The highest {@code V<n>__} of the migrations on the class path (the module's jar, under Failsafe). */
    private static String latestVersion() throws Exception {
        URI location = Migrations.class.getClassLoader().getResource("db/migration").toURI();
        try (FileSystem jar = location.getScheme().equals("jar") ? FileSystems.newFileSystem(location, Map.of()) : null;
                Stream<Path> files = Files.list(Path.of(location))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().stream()
                    .mapToObj(Integer::toString).findFirst().orElseThrow();
        }
    }

    @Test
    void idempotencyKeysBelongToAUserAndAreCheckedLikeIds() throws SQLException {
        String columns = "INSERT INTO play_idempotency_keys (user_id, idempotency_key, artist_id, plays, total_plays, recalculation_queued, created_at) ";
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute(columns + "VALUES ('alice', 'k', 1, 1, 1, false, now())");
        }
        assertEquals(SqlStates.UNIQUE_VIOLATION, refusal(columns + "VALUES ('alice', 'k', 1, 1, 1, false, now())"));
        assertEquals(SqlStates.FOREIGN_KEY_VIOLATION, refusal(columns + "VALUES ('bob', 'k', 1, 1, 1, false, now())"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal(columns + "VALUES ('alice', '', 1, 1, 1, false, now())"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal(columns + "VALUES ('alice', repeat('k', 256), 1, 1, 1, false, now())"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal(columns + "VALUES ('alice', 'k2', 1, 2, 1, false, now())"));
    }

    private static String refusal(String sql) {
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
            return e.getSQLState();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void playsMustBePositiveAndReferToKnownUsersAndArtists() {
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO user_artist_plays VALUES ('alice', 1, 0)"));
        assertEquals(SqlStates.FOREIGN_KEY_VIOLATION, refusal("INSERT INTO user_artist_plays VALUES ('alice', 2, 1)"));
        assertEquals(SqlStates.FOREIGN_KEY_VIOLATION, refusal("INSERT INTO user_artist_plays VALUES ('bob', 1, 1)"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO base_plays VALUES (7, 1, 0)"));
        assertEquals(SqlStates.FOREIGN_KEY_VIOLATION, refusal("INSERT INTO base_plays VALUES (7, 2, 1)"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO base_plays VALUES (0, 1, 1)"));
    }

    @Test
    void outboxHoldsOneMessagePerUserAndTotal() throws SQLException {
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO recalculation_outbox (user_id, total_plays) VALUES ('alice', 5)");
        }
        assertEquals(SqlStates.UNIQUE_VIOLATION, refusal("INSERT INTO recalculation_outbox (user_id, total_plays) VALUES ('alice', 5)"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO recalculation_outbox (user_id, total_plays) VALUES ('alice', 0)"));
        assertEquals(SqlStates.FOREIGN_KEY_VIOLATION, refusal("INSERT INTO recalculation_outbox (user_id, total_plays) VALUES ('bob', 5)"));
    }

    @Test
    void idsNamesAndCountsAreChecked() {
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO artists VALUES (0, 'x', 'x', 0)"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO artists VALUES (2, '', 'x', 0)"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO artists VALUES (2, 'x', 'x', -1)"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO users (id) VALUES ('')"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("INSERT INTO users (id) VALUES (repeat('x', 256))"));
        assertEquals(SqlStates.CHECK_VIOLATION, refusal("UPDATE users SET total_plays = -1 WHERE id = 'alice'"));
    }

    @Test
    void trainingViewJoinsBaseAndLivePlaysInSeparateIdSpaces() throws SQLException {
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id) VALUES ('42')");
            s.execute("INSERT INTO base_plays VALUES (42, 1, 10)");
            s.execute("INSERT INTO user_artist_plays VALUES ('42', 1, 3)");
            var rows = s.executeQuery("SELECT source, user_key, plays FROM training_plays WHERE artist_id = 1 ORDER BY user_key");
            StringBuilder seen = new StringBuilder();
            while (rows.next()) {
                seen.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ').append(rows.getLong(3)).append(';');
            }
            assertEquals("base base:42 10;user user:42 3;", seen.toString());
        }
    }
}
