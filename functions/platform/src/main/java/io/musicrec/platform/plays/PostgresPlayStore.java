package io.musicrec.platform.plays;

import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.SqlStates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link PlayStore} on PostgreSQL (tables {@code users}, {@code user_artist_plays}, {@code
 * recalculation_outbox}).
 *
 * <p>A play is one statement with three data-modifying parts, run as its own transaction ({@link
 * Database#statement}: one round trip, where three statements in a transaction would take five;
 * the play path is the system's hottest).
 * The first upserts the user and bumps the total ({@code INSERT ... ON CONFLICT DO UPDATE ...
 * RETURNING}), which takes the user's row lock: a second play of the same user waits there until
 * the first commits and then sees its total, so the totals of one user's plays are 1, 2, 3, ...
 * each exactly once whatever the concurrency. The second upserts the user x artist count (an
 * unknown artist fails its foreign key, and the whole statement rolls back). The third, when the
 * new total is a multiple of {@link PlayStore#PLAYS_PER_RECALCULATION}, writes the outbox row; the
 * table's unique (user, total) constraint backs the arithmetic.
 *
 * <p>Times written ({@code created_at}) come from the injected clock.
 */
public final class PostgresPlayStore implements PlayStore {

    private static final String RECORD_PLAY = """
            WITH total AS (
                INSERT INTO users (id, created_at, total_plays) VALUES (?, ?, 1)
                ON CONFLICT (id) DO UPDATE SET total_plays = users.total_plays + 1
                RETURNING total_plays
            ), artist AS (
                INSERT INTO user_artist_plays (user_id, artist_id, plays) VALUES (?, ?, 1)
                ON CONFLICT (user_id, artist_id) DO UPDATE SET plays = user_artist_plays.plays + 1
                RETURNING plays
            ), queued AS (
                INSERT INTO recalculation_outbox (user_id, total_plays, created_at)
                SELECT ?, total.total_plays, ? FROM total WHERE total.total_plays % ? = 0
                RETURNING total_plays
            )
            SELECT total.total_plays, artist.plays, EXISTS (SELECT 1 FROM queued) FROM total, artist""";
    private static final String REGISTER =
            "INSERT INTO users (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String HISTORY = """
            SELECT u.total_plays, p.artist_id, p.plays
              FROM users u LEFT JOIN user_artist_plays p ON p.user_id = u.id
             WHERE u.id = ?
             ORDER BY p.artist_id""";
    private static final String TOTAL = "SELECT total_plays FROM users WHERE id = ?";

    private final Database database;
    private final Clock clock;

    /**
     * @param database the database holding the schema of {@code db/migration}
     * @param clock    the time written as {@code created_at}
     */
    public PostgresPlayStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean register(String userId) {
        requireUserId(userId);
        return database.statement(REGISTER, insert -> {
            insert.setString(1, userId);
            insert.setObject(2, now());
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public PlayRecorded recordPlay(String userId, int artistId) {
        requireUserId(userId);
        if (artistId < 1) {
            throw new UnknownArtistException(artistId);
        }
        return database.statement(RECORD_PLAY, play -> {
            OffsetDateTime now = now();
            try {
                play.setString(1, userId);
                play.setObject(2, now);
                play.setString(3, userId);
                play.setInt(4, artistId);
                play.setString(5, userId);
                play.setObject(6, now);
                play.setInt(7, PLAYS_PER_RECALCULATION);
                try (ResultSet row = play.executeQuery()) {
                    row.next();
                    return new PlayRecorded(artistId, row.getLong(2), row.getLong(1), row.getBoolean(3));
                }
            } catch (SQLException e) {
                // The user's row is written by the same statement, so only the artist can be missing.
                if (SqlStates.FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                    throw new UnknownArtistException(artistId);
                }
                throw e;
            }
        });
    }

    @Override
    public List<UserPlay> plays(String userId) {
        return history(userId).plays();
    }

    @Override
    public long totalPlays(String userId) {
        requireUserId(userId);
        return database.statement(TOTAL, select -> {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }

    @Override
    public PlayHistory history(String userId) {
        requireUserId(userId);
        // One statement has one snapshot, so the total matches the counts.
        return database.statement(HISTORY, select -> {
            select.setString(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                long total = 0;
                List<UserPlay> plays = new ArrayList<>();
                while (rows.next()) {
                    total = rows.getLong(1);
                    int artistId = rows.getInt(2);
                    if (!rows.wasNull()) {
                        plays.add(new UserPlay(artistId, rows.getLong(3)));
                    }
                }
                return new PlayHistory(total, plays);
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void requireUserId(String userId) {
        Objects.requireNonNull(userId, "userId");
        int length = userId.codePointCount(0, userId.length());
        if (length < 1 || length > 255 || userId.isBlank()) {
            throw new IllegalArgumentException("user id must be 1-255 characters and not blank, got " + length + " characters");
        }
        if (userId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("user id must not contain NUL");
        }
    }
}
