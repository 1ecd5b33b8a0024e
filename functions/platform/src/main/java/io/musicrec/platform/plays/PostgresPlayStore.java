package io.musicrec.platform.plays;

import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.ids.UserId;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.SqlStates;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postgresql.util.PSQLException;

/**
 * {@link PlayStore} on PostgreSQL, and <b>where the every-fifth-play rule is enforced</b>: a play is one
 * statement (one round trip, {@link Database#statement}) that upserts the user and bumps the total,
 * taking the user's row lock so one user's totals are 1, 2, 3, ... exactly once under any concurrency;
 * bumps the user x artist count (an unknown artist fails the foreign key, rolling back all); and writes
 * the outbox row when the total is a multiple of {@link PlayStore#PLAYS_PER_RECALCULATION}. A keyed
 * play also inserts its key: a repeat fails on the key's primary key, rolls back whole and reads the first answer.
 */
public final class PostgresPlayStore implements PlayStore {

    /** A play's three upserts; a statement adds what it returns (and, keyed, the key). */
    private static final String PLAY = """
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
            )""";
    private static final String RECORD_PLAY = PLAY + """

            SELECT total.total_plays, artist.plays, EXISTS (SELECT 1 FROM queued) FROM total, artist""";
    /**
     * The play, its key with its answer, and a sweep of up to {@value #SWEPT_PER_PLAY} expired keys
     * (skipping rows another play is sweeping, so it never waits). A live key already there fails
     * the insert on the primary key and the whole statement, play included, rolls back.
     */
    private static final String RECORD_KEYED_PLAY = PLAY + """
            , keyed AS (
                INSERT INTO play_idempotency_keys (user_id, idempotency_key, artist_id, plays, total_plays, recalculation_queued, created_at)
                SELECT ?, ?, ?, artist.plays, total.total_plays, EXISTS (SELECT 1 FROM queued), ? FROM total, artist
                RETURNING total_plays, plays, recalculation_queued
            ), swept AS (
                DELETE FROM play_idempotency_keys WHERE (user_id, idempotency_key) IN (
                    SELECT user_id, idempotency_key FROM play_idempotency_keys WHERE created_at <= ?
                     ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
            )
            SELECT total_plays, plays, recalculation_queued FROM keyed""";
    private static final String KEY_CONSTRAINT = "play_idempotency_keys_pkey";
    private static final String FIND_KEY = """
            SELECT artist_id, plays, total_plays, recalculation_queued, created_at > ?
              FROM play_idempotency_keys WHERE user_id = ? AND idempotency_key = ?""";
    private static final String DELETE_EXPIRED_KEY =
            "DELETE FROM play_idempotency_keys WHERE user_id = ? AND idempotency_key = ? AND created_at <= ?";
    /** Two per keyed play: more than one, so expired keys never pile up while keyed plays come in. */
    private static final int SWEPT_PER_PLAY = 2;
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
        UserId.check(userId);
        return database.statement(REGISTER, insert -> {
            insert.setString(1, userId);
            insert.setObject(2, now());
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public PlayRecorded recordPlay(String userId, int artistId) {
        UserId.check(userId);
        if (artistId < 1) {
            throw new UnknownArtistException(artistId);
        }
        return database.statement(RECORD_PLAY, play -> {
            bindPlay(play, userId, artistId, now());
            try (ResultSet row = play.executeQuery()) {
                row.next();
                return new PlayRecorded(artistId, row.getLong(2), row.getLong(1), row.getBoolean(3));
            } catch (SQLException e) {
                throw unknownArtistOr(e, artistId);
            }
        });
    }

    private static void bindPlay(PreparedStatement play, String userId, int artistId, OffsetDateTime now) throws SQLException {
        play.setString(1, userId);
        play.setObject(2, now);
        play.setString(3, userId);
        play.setInt(4, artistId);
        play.setString(5, userId);
        play.setObject(6, now);
        play.setInt(7, PLAYS_PER_RECALCULATION);
    }

    /** The user's row is written by the same statement, so a foreign key can only miss the artist. */
    private static SQLException unknownArtistOr(SQLException e, int artistId) {
        if (SqlStates.FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
            throw new UnknownArtistException(artistId);
        }
        return e;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The keyed statement either records the play with its key or fails on the key's primary
     * key, having written nothing; then the stored answer is read. A stored key past its lifetime
     * is deleted and the play tried again: at most a few rounds, since each round's failure means
     * another play took the key meanwhile.
     */
    @Override
    public PlayRecorded recordPlay(String userId, int artistId, IdempotencyKey key) {
        UserId.check(userId);
        Objects.requireNonNull(key, "key");
        if (artistId < 1) {
            throw new UnknownArtistException(artistId);
        }
        for (int round = 1; ; round++) {
            OffsetDateTime now = now();
            OffsetDateTime expired = now.minus(IdempotencyKey.LIFETIME);
            PlayRecorded recorded = database.statement(RECORD_KEYED_PLAY, play -> {
                bindPlay(play, userId, artistId, now);
                play.setString(8, userId);
                play.setString(9, key.value());
                play.setInt(10, artistId);
                play.setObject(11, now);
                play.setObject(12, expired);
                play.setInt(13, SWEPT_PER_PLAY);
                try (ResultSet row = play.executeQuery()) {
                    row.next();
                    return new PlayRecorded(artistId, row.getLong(2), row.getLong(1), row.getBoolean(3));
                } catch (SQLException e) {
                    if (isKeyTaken(e)) {
                        return null;
                    }
                    throw unknownArtistOr(e, artistId);
                }
            });
            if (recorded != null) {
                return recorded;
            }
            PlayRecorded first = database.statement(FIND_KEY, find -> {
                find.setObject(1, expired);
                find.setString(2, userId);
                find.setString(3, key.value());
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    PlayRecorded stored = new PlayRecorded(row.getInt(1), row.getLong(2), row.getLong(3), row.getBoolean(4), true);
                    return row.getBoolean(5) ? stored : null;
                }
            });
            if (first != null) {
                if (first.artistId() != artistId) {
                    throw new IdempotencyKeyReusedException(key, first.artistId());
                }
                return first;
            }
            if (round >= 3) {
                throw new IllegalStateException("an idempotency key expired or was swept " + round + " times in a row under a play");
            }
            database.statement(DELETE_EXPIRED_KEY, delete -> {
                delete.setString(1, userId);
                delete.setString(2, key.value());
                delete.setObject(3, expired);
                return delete.executeUpdate();
            });
        }
    }

    private static boolean isKeyTaken(SQLException e) {
        return SqlStates.UNIQUE_VIOLATION.equals(e.getSQLState()) && e instanceof PSQLException psql
                && psql.getServerErrorMessage() != null && KEY_CONSTRAINT.equals(psql.getServerErrorMessage().getConstraint());
    }

    @Override
    public List<UserPlay> plays(String userId) {
        return history(userId).plays();
    }

    @Override
    public long totalPlays(String userId) {
        UserId.check(userId);
        return database.statement(TOTAL, select -> {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }

    @Override
    public PlayHistory history(String userId) {
        UserId.check(userId);
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
}
