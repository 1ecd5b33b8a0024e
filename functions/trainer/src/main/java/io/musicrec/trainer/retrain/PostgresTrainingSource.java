package io.musicrec.trainer.retrain;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.platform.postgres.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the {@code training_plays} view (Last.fm base plays and registered users' plays) into a {@link
 * PlayMatrix.Builder} through a server-side cursor of {@value #FETCH_SIZE} rows, in one REPEATABLE READ
 * snapshot. User keys ({@code base:<id>}, {@code user:<sub>}) are numbered densely for this run only;
 * whatever must be stable across runs (the hold-out, the fingerprint) uses the key's hash.
 */
public final class PostgresTrainingSource implements TrainingSource {

    /** Rows per round trip of the cursor. */
    public static final int FETCH_SIZE = 10_000;

    static final String PLAYS_QUERY = "SELECT source, user_key, artist_id, plays FROM training_plays";
    static final String ARTISTS_QUERY = "SELECT id, name FROM artists";

    private final Database database;

    /** @param database the schema, migrated; give it a statement timeout that fits a full read (minutes) */
    public PostgresTrainingSource(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public TrainingData read() {
        return database.transaction(Database.Isolation.REPEATABLE_READ, PostgresTrainingSource::read);
    }

    private static TrainingData read(Connection connection) throws SQLException {
        Map<Integer, String> names = new HashMap<>();
        try (PreparedStatement artists = cursor(connection, ARTISTS_QUERY); ResultSet rows = artists.executeQuery()) {
            while (rows.next()) {
                names.put(rows.getInt(1), rows.getString(2));
            }
        }
        PlayMatrix.Builder builder = PlayMatrix.builder();
        Map<String, Integer> ids = new HashMap<>();
        long[] keys = new long[1024];
        int baseUsers = 0;
        int liveUsers = 0;
        long basePlays = 0;
        long livePlays = 0;
        long fingerprint = 0;
        try (PreparedStatement plays = cursor(connection, PLAYS_QUERY); ResultSet rows = plays.executeQuery()) {
            while (rows.next()) {
                boolean base = "base".equals(rows.getString(1));
                String userKey = rows.getString(2);
                int artistId = rows.getInt(3);
                long count = rows.getLong(4);
                Integer id = ids.get(userKey);
                if (id == null) {
                    id = ids.size() + 1;
                    ids.put(userKey, id);
                    if (id > keys.length) {
                        keys = Arrays.copyOf(keys, keys.length * 2);
                    }
                    keys[id - 1] = Keys.of(userKey);
                    if (base) {
                        baseUsers++;
                    } else {
                        liveUsers++;
                    }
                }
                if (base) {
                    basePlays++;
                } else {
                    livePlays++;
                }
                fingerprint += Keys.row(keys[id - 1], artistId, count);
                builder.add(id, artistId, (int) Math.min(count, Integer.MAX_VALUE));
            }
        }
        long rowsRead = basePlays + livePlays;
        String digest = String.format("%016x%016x", fingerprint, Keys.mix(rowsRead));
        return new TrainingData(builder.build(), Arrays.copyOf(keys, ids.size()), names,
                new TrainingData.Counts(baseUsers, liveUsers, basePlays, livePlays), digest);
    }

    /** A forward-only, read-only statement with a fetch size: pgjdbc then reads through a cursor. */
    static PreparedStatement cursor(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }
}
