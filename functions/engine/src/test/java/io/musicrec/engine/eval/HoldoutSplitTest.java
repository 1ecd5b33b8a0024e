package io.musicrec.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.data.PlayMatrix;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {

    private static PlayMatrix plays() {
        PlayMatrix.Builder b = PlayMatrix.builder();
        for (int u = 1; u <= 30; u++) {
            for (int a = 1; a <= 50; a++) {
                if ((u + a) % 3 != 0 || u == 7) {
                    b.add(u, a, u * a);
                }
            }
        }
        b.add(99, 5, 1);
        return b.build();
    }

    @Test
    void eachUserLosesTheRoundedShareAndKeepsAtLeastOneForTraining() {
        PlayMatrix all = plays();
        HoldoutSplit split = HoldoutSplit.of(all, 0.2, 1);
        for (int u = 0; u < all.rows(); u++) {
            int id = all.rowId(u);
            int total = all.rowLength(u);
            int test = split.test().rowOf(id) < 0 ? 0 : split.test().rowLength(split.test().rowOf(id));
            int train = split.train().rowLength(split.train().rowOf(id));
            assertEquals(total, test + train, "user " + id);
            assertEquals(total < 2 ? 0 : Math.round(0.2 * total), test, "user " + id);
        }
        assertEquals(-1, split.test().rowOf(99), "a one-artist user stays in training");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        PlayMatrix all = plays();
        assertEquals(HoldoutSplit.of(all, 0.2, 5).test().digest(), HoldoutSplit.of(all, 0.2, 5).test().digest());
        assertTrue(!HoldoutSplit.of(all, 0.2, 5).test().digest().equals(HoldoutSplit.of(all, 0.2, 6).test().digest()));
    }
}
