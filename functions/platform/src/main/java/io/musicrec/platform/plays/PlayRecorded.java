package io.musicrec.platform.plays;

/**
 * The outcome of one play: the user's plays of that artist ({@code plays}, this one included) and in
 * total after it, whether it queued a recalculation (see {@link PlayStore#PLAYS_PER_RECALCULATION}),
 * and whether it is the stored outcome of an earlier play with the same idempotency key ({@code replayed}: nothing written now).
 */
public record PlayRecorded(int artistId, long plays, long totalPlays, boolean recalculationQueued, boolean replayed) {

    /** Counts are consistent: at least this play, and no more of one artist than in total. */
    public PlayRecorded {
        if (artistId < 1) {
            throw new IllegalArgumentException("artistId must be >= 1, got " + artistId);
        }
        if (plays < 1 || totalPlays < plays) {
            throw new IllegalArgumentException("need 1 <= plays <= totalPlays, got plays " + plays + ", totalPlays " + totalPlays);
        }
    }

    /** A play recorded now. */
    public PlayRecorded(int artistId, long plays, long totalPlays, boolean recalculationQueued) {
        this(artistId, plays, totalPlays, recalculationQueued, false);
    }

    /** True when this play wrote an outbox row now (a replay wrote nothing). */
    public boolean queuedNow() {
        return recalculationQueued && !replayed;
    }
}
