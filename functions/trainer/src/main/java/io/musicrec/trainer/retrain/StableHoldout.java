package io.musicrec.trainer.retrain;

import io.musicrec.engine.data.PlayMatrix;
import java.util.Objects;

/**
 * The validation split retraining gates on. Must not miss: a pair is held out when a hash of (user
 * key, artist, seed) falls below the share, so it lands on the same side in every run whatever the
 * user played since, and a model trained on one run's training side can be scored fairly on the next
 * run's hold-out (the engine's per-user {@code HoldoutSplit} reshuffles a growing row). A user keeps at
 * least one pair in training, so each evaluated user has a history.
 */
public final class StableHoldout {

    /** The split's name as the manifest records it. */
    public static final String NAME = "stable per-pair hold-out";

    /** The two sides; the same user ids on both, artist ids as in the data. */
    public record Split(PlayMatrix train, PlayMatrix test) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    private StableHoldout() {
    }

    /**
     * @param share the expected share of pairs held out, in (0, 1)
     * @param seed  selects the draw; keep it fixed across runs
     */
    public static Split split(TrainingData data, double share, long seed) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("hold-out share must be between 0 and 1 (exclusive), got " + share);
        }
        PlayMatrix plays = data.plays();
        PlayMatrix.Builder train = PlayMatrix.builder();
        PlayMatrix.Builder test = PlayMatrix.builder();
        long salt = Keys.mix(seed ^ 0x5DEECE66DL);
        for (int row = 0; row < plays.rows(); row++) {
            int userId = plays.rowId(row);
            int from = plays.rowStart(row);
            int to = plays.rowStart(row + 1);
            if (to - from < 2) {
                for (int e = from; e < to; e++) {
                    train.add(userId, plays.columnId(plays.column(e)), plays.plays(e));
                }
                continue;
            }
            long key = data.userKey(userId) ^ salt;
            int held = 0;
            int highest = from;
            double highestDraw = -1;
            for (int e = from; e < to; e++) {
                double draw = draw(key, plays.columnId(plays.column(e)));
                if (draw < share) {
                    held++;
                }
                if (draw > highestDraw) {
                    highestDraw = draw;
                    highest = e;
                }
            }
            boolean keepOne = held == to - from;
            for (int e = from; e < to; e++) {
                int artist = plays.columnId(plays.column(e));
                boolean out = draw(key, artist) < share && !(keepOne && e == highest);
                (out ? test : train).add(userId, artist, plays.plays(e));
            }
        }
        return new Split(train.build(), test.build());
    }

    /**
     * The same split with the held-out side cut down to about {@code maxUsers} users, drawn by a
     * hash of the user key (the same users in every run while the data stays the same); the
     * training side is untouched. Scoring costs users x catalog, so this bounds the evaluation;
     * NDCG@10 over 20,000 users has a standard error near 0.001.
     */
    public static Split limitTestUsers(Split split, TrainingData data, int maxUsers, long seed) {
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1, got " + maxUsers);
        }
        PlayMatrix test = split.test();
        if (test.rows() <= maxUsers) {
            return split;
        }
        double keep = (double) maxUsers / test.rows();
        long salt = Keys.mix(seed ^ 0x2545F4914F6CDD1DL);
        PlayMatrix.Builder kept = PlayMatrix.builder();
        for (int row = 0; row < test.rows(); row++) {
            int userId = test.rowId(row);
            if ((Keys.mix(data.userKey(userId) ^ salt) >>> 11) * 0x1.0p-53 < keep) {
                for (int e = test.rowStart(row); e < test.rowStart(row + 1); e++) {
                    kept.add(userId, test.columnId(test.column(e)), test.plays(e));
                }
            }
        }
        return new Split(split.train(), kept.build());
    }

    /** Uniform in [0, 1), a function of the salted user key and the artist only. */
    static double draw(long saltedUserKey, int artistId) {
        return (Keys.mix(saltedUserKey ^ Keys.mix(artistId * 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
    }
}
