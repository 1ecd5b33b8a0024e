package io.musicrec.platform.plays;

import io.musicrec.engine.recommend.UserPlay;
import java.util.List;

/**
 * Users and their play counts (PostgreSQL in production). A play, the total and the recalculation
 * message it may queue commit together; the every-fifth-play rule lives in {@link PostgresPlayStore}.
 * User ids are the JWT subject; what is not a {@link io.musicrec.ids.UserId} is refused with {@link IllegalArgumentException}.
 */
public interface PlayStore {

    /** A recalculation is queued each time a user's total reaches a multiple of this. */
    int PLAYS_PER_RECALCULATION = 5;

    /** Registers the user; true if new, false if already registered. */
    boolean register(String userId);

    /**
     * Adds one play of {@code artistId} for {@code userId} (registering the user if needed).
     *
     * @throws UnknownArtistException if the artist is not in the catalog; nothing is written
     */
    PlayRecorded recordPlay(String userId, int artistId);

    /**
     * Adds one play as {@link #recordPlay(String, int)} does, at most once per live key: while the
     * user's {@code key} is younger than {@link IdempotencyKey#LIFETIME}, a repeat writes nothing
     * and returns the first play's outcome, {@link PlayRecorded#replayed() replayed}; concurrent
     * repeats included. Only a recorded play keeps its key (an unknown artist or a failure does not).
     *
     * @throws UnknownArtistException         if the artist is not in the catalog; nothing is written
     * @throws IdempotencyKeyReusedException  if the live key was first sent for another artist; nothing is written
     */
    PlayRecorded recordPlay(String userId, int artistId, IdempotencyKey key);

    /** The user's play counts, one entry per artist; empty for an unknown user. */
    List<UserPlay> plays(String userId);

    /** The user's total plays, 0 for an unknown user. */
    long totalPlays(String userId);

    /**
     * The user's play counts and total read together (one snapshot), so a recalculation can
     * record exactly which total its input had; total 0 and no plays for an unknown user.
     */
    PlayHistory history(String userId);
}
