package io.musicrec.trainer.retrain;

import io.musicrec.engine.data.PlayMatrix;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one retraining learns from: the user x artist play matrix, with users numbered
 * densely from 1 (base and live users in one id space, never colliding), a stable 64-bit key per
 * user (a hash of its {@code user_key}, the same in every run, which the hold-out is drawn from),
 * the artists' names, and where the rows came from.
 */
public final class TrainingData {
    private final PlayMatrix plays;
    private final long[] userKeys;
    private final Map<Integer, String> artistNames;
    private final Counts counts;
    private final String fingerprint;

    /**
     * How much came from where.
     *
     * @param baseUsers Last.fm base users ({@code base:<id>})
     * @param liveUsers registered users ({@code user:<sub>})
     * @param basePlays base (user, artist) rows
     * @param livePlays registered users' (user, artist) rows
     */
    public record Counts(int baseUsers, int liveUsers, long basePlays, long livePlays) {
    }

    /**
     * @param plays       rows are dense user ids 1..n, columns artist ids
     * @param userKeys    {@code userKeys[id - 1]}: the stable key of dense user {@code id}
     * @param artistNames artist id to name
     * @param counts      where the rows came from
     * @param fingerprint a digest of the (user key, artist, plays) rows independent of their order
     *                    and of the dense numbering: equal data, equal fingerprint
     */
    public TrainingData(PlayMatrix plays, long[] userKeys, Map<Integer, String> artistNames, Counts counts, String fingerprint) {
        this.plays = Objects.requireNonNull(plays, "plays");
        this.userKeys = Objects.requireNonNull(userKeys, "userKeys");
        this.artistNames = Map.copyOf(artistNames);
        this.counts = Objects.requireNonNull(counts, "counts");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        for (int row = 0; row < plays.rows(); row++) {
            int id = plays.rowId(row);
            if (id < 1 || id > userKeys.length) {
                throw new IllegalArgumentException("user id " + id + " has no key (keys for 1.." + userKeys.length + ")");
            }
        }
    }

    public PlayMatrix plays() {
        return plays;
    }

    /** The stable key of dense user {@code userId}. */
    public long userKey(int userId) {
        return userKeys[userId - 1];
    }

    public Map<Integer, String> artistNames() {
        return artistNames;
    }

    public Counts counts() {
        return counts;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
