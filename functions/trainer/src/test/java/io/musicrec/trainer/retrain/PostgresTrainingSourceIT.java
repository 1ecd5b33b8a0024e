package io.musicrec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.trainer.testing.TestStack;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresTrainingSourceIT {

    private static void execute(DatabaseSettings settings, String... sql) throws Exception {
        try (Connection connection = TestSchemas.connect(settings); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static TrainingData read(DatabaseSettings settings) {
        try (Database database = Database.connect(settings)) {
            return new PostgresTrainingSource(database).read();
        }
    }

    /** (user key, artist) to plays, through the stable keys: independent of the dense numbering. */
    private static Map<String, Integer> entries(TrainingData data, Map<Long, String> names) {
        Map<String, Integer> out = new HashMap<>();
        PlayMatrix m = data.plays();
        for (int r = 0; r < m.rows(); r++) {
            String user = names.get(data.userKey(m.rowId(r)));
            for (int e = m.rowStart(r); e < m.rowStart(r + 1); e++) {
                out.put(user + "/" + m.columnId(m.column(e)), m.plays(e));
            }
        }
        return out;
    }

    @Test
    void baseAndRegisteredUsersWithTheSameIdAreTwoUsers() throws Exception {
        DatabaseSettings schema = TestStack.freshSchema();
        execute(schema,
                "INSERT INTO artists (id, name, search_name) VALUES (10, 'Ten', 'ten'), (20, 'Twenty', 'twenty')",
                "INSERT INTO base_plays VALUES (1, 10, 5), (1, 20, 3), (2, 20, 7)",
                "INSERT INTO users (id, total_plays) VALUES ('1', 4), ('auth0|x', 3000000000)",
                "INSERT INTO user_artist_plays VALUES ('1', 10, 4), ('auth0|x', 20, 3000000000)");

        TrainingData data = read(schema);

        assertEquals(4, data.plays().rows());
        assertEquals(new TrainingData.Counts(2, 2, 3, 2), data.counts());
        assertEquals(Map.of(10, "Ten", 20, "Twenty"), data.artistNames());
        Map<Long, String> names = Map.of(Keys.of("base:1"), "base:1", Keys.of("base:2"), "base:2", Keys.of("user:1"), "user:1",
                Keys.of("user:auth0|x"), "user:auth0|x");
        assertEquals(Map.of("base:1/10", 5, "base:1/20", 3, "base:2/20", 7, "user:1/10", 4, "user:auth0|x/20", Integer.MAX_VALUE),
                entries(data, names), "plays beyond int range are capped, not wrapped");
    }

    @Test
    void fingerprintDependsOnTheDataNotOnTheOrderItArrivesIn() throws Exception {
        DatabaseSettings one = TestStack.freshSchema();
        DatabaseSettings two = TestStack.freshSchema();
        String artists = "INSERT INTO artists (id, name, search_name) VALUES (10, 'Ten', 'ten'), (20, 'Twenty', 'twenty')";
        execute(one, artists, "INSERT INTO base_plays VALUES (1, 10, 5), (2, 20, 7), (3, 10, 1)");
        execute(two, artists, "INSERT INTO base_plays VALUES (3, 10, 1), (2, 20, 7), (1, 10, 5)");

        assertEquals(read(one).fingerprint(), read(two).fingerprint());
        execute(two, "UPDATE base_plays SET plays = 6 WHERE base_user_id = 1");
        assertNotEquals(read(one).fingerprint(), read(two).fingerprint());
    }

    @Test
    void playsAreReadThroughAServerSideCursorAFetchAtATime() throws Exception {
        try (Database database = Database.connect(TestStack.freshSchema())) {
            int[] seen = new int[3];
            database.transaction(connection -> {
                try (var plays = PostgresTrainingSource.cursor(connection, "SELECT g FROM generate_series(1, 50000) g");
                     var rows = plays.executeQuery()) {
                    rows.next();
                    try (Statement probe = connection.createStatement();
                         var cursors = probe.executeQuery("SELECT count(*) FROM pg_cursors WHERE name <> '' AND statement LIKE '%generate_series%'")) {
                        cursors.next();
                        seen[0] = cursors.getInt(1);
                    }
                    seen[1] = rows.getFetchSize();
                    while (rows.next()) {
                        seen[2] = rows.getInt(1);
                    }
                }
                return null;
            });
            assertEquals(1, seen[0], "a named portal is open on the server while the first rows are read");
            assertEquals(PostgresTrainingSource.FETCH_SIZE, seen[1]);
            assertEquals(50_000, seen[2], "and every row still arrives");
        }
    }

    @Test
    void anEmptyDatabaseReadsAsNoPlays() {
        TrainingData data = read(TestStack.freshSchema());
        assertEquals(0, data.plays().nonZeros());
        assertTrue(data.artistNames().isEmpty());
    }
}
