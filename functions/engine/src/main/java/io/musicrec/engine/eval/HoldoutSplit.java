package io.musicrec.engine.eval;

import io.musicrec.engine.data.PlayMatrix;
import java.util.SplittableRandom;

/**
 * A per-user random hold-out: each user's artists are shuffled with a generator seeded from the
 * split seed and the user id (so a user's split does not depend on who else is in the file) and
 * {@code round(share * count)} of them go to the test side, always leaving at least one for
 * training. Users with a single artist stay whole in training.
 */
public final class HoldoutSplit {
    private final PlayMatrix train;
    private final PlayMatrix test;

    private HoldoutSplit(PlayMatrix train, PlayMatrix test) {
        this.train = train;
        this.test = test;
    }

    public static HoldoutSplit of(PlayMatrix plays, double testShare, long seed) {
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("test share must be between 0 and 1 (exclusive), got " + testShare);
        }
        PlayMatrix.Builder train = PlayMatrix.builder();
        PlayMatrix.Builder test = PlayMatrix.builder();
        int[] order = new int[0];
        for (int u = 0; u < plays.rows(); u++) {
            int len = plays.rowLength(u);
            int start = plays.rowStart(u);
            int userId = plays.rowId(u);
            if (order.length < len) {
                order = new int[len];
            }
            for (int i = 0; i < len; i++) {
                order[i] = start + i;
            }
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + userId);
            for (int i = len - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int held = len < 2 ? 0 : (int) Math.min(len - 1, Math.round(testShare * len));
            for (int i = 0; i < len; i++) {
                int e = order[i];
                (i < held ? test : train).add(userId, plays.columnId(plays.column(e)), plays.plays(e));
            }
        }
        return new HoldoutSplit(train.build(), test.build());
    }

    public PlayMatrix train() {
        return train;
    }

    public PlayMatrix test() {
        return test;
    }
}
