package io.musicrec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.data.PlayMatrix;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StableHoldoutTest {

    /** Users 1..n, user u plays artists 1..artists(u) once each; keys are hashes of "user:u". */
    private static TrainingData data(int users, int artists, Map<Integer, Integer> extra) {
        PlayMatrix.Builder builder = PlayMatrix.builder();
        long[] keys = new long[users];
        for (int u = 1; u <= users; u++) {
            keys[u - 1] = Keys.of("user:" + u);
            for (int a = 1; a <= artists + extra.getOrDefault(u, 0); a++) {
                builder.add(u, a, 1);
            }
        }
        return new TrainingData(builder.build(), keys, Map.of(), new TrainingData.Counts(0, users, 0, 0), "test");
    }

    private static Set<Long> pairs(PlayMatrix m) {
        Set<Long> pairs = new HashSet<>();
        for (int r = 0; r < m.rows(); r++) {
            for (int e = m.rowStart(r); e < m.rowStart(r + 1); e++) {
                pairs.add(((long) m.rowId(r) << 32) | m.columnId(m.column(e)));
            }
        }
        return pairs;
    }

    @Test
    void aPairStaysOnItsSideWhenTheUserPlaysMoreArtists() {
        StableHoldout.Split before = StableHoldout.split(data(200, 20, Map.of()), 0.1, 1);
        Map<Integer, Integer> grown = new HashMap<>();
        for (int u = 1; u <= 200; u += 2) {
            grown.put(u, 15);
        }
        StableHoldout.Split after = StableHoldout.split(data(200, 20, grown), 0.1, 1);

        Set<Long> trainAfter = pairs(after.train());
        Set<Long> testAfter = pairs(after.test());
        for (long pair : pairs(before.test())) {
            assertTrue(testAfter.contains(pair), "held out before, held out after");
        }
        for (long pair : pairs(before.train())) {
            assertTrue(trainAfter.contains(pair), "trained on before, trained on after");
        }
    }

    @Test
    void aboutTheShareIsHeldOutAndEveryoneKeepsATrainingHistory() {
        StableHoldout.Split split = StableHoldout.split(data(500, 20, Map.of()), 0.1, 7);
        double share = split.test().nonZeros() / 10_000.0;
        assertTrue(share > 0.085 && share < 0.115, "held-out share " + share);
        assertEquals(500, split.train().rows(), "every user keeps training plays");
        assertEquals(10_000, split.train().nonZeros() + split.test().nonZeros());
    }

    @Test
    void usersWithOneArtistStayWholeAndNoUserLosesEveryArtist() {
        StableHoldout.Split single = StableHoldout.split(data(300, 1, Map.of()), 0.4, 3);
        assertEquals(0, single.test().nonZeros());
        StableHoldout.Split pairsOnly = StableHoldout.split(data(300, 2, Map.of()), 0.49, 3);
        assertEquals(300, pairsOnly.train().rows(), "someone with both artists drawn keeps one");
        for (int r = 0; r < pairsOnly.test().rows(); r++) {
            assertEquals(1, pairsOnly.test().rowLength(r));
        }
    }

    @Test
    void aLargeHoldOutIsCutToAStableSampleOfUsersWithTheirWholeHeldOutRows() {
        TrainingData data = data(2_000, 20, Map.of());
        StableHoldout.Split full = StableHoldout.split(data, 0.1, 1);

        StableHoldout.Split sampled = StableHoldout.limitTestUsers(full, data, 500, 1);

        assertTrue(sampled.test().rows() > 400 && sampled.test().rows() < 600, "about 500 users: " + sampled.test().rows());
        assertEquals(pairs(full.train()), pairs(sampled.train()), "training is untouched");
        assertTrue(pairs(full.test()).containsAll(pairs(sampled.test())));
        for (int r = 0; r < sampled.test().rows(); r++) {
            int user = sampled.test().rowId(r);
            assertEquals(full.test().rowLength(full.test().rowOf(user)), sampled.test().rowLength(r), "whole rows");
        }
        assertEquals(pairs(sampled.test()), pairs(StableHoldout.limitTestUsers(full, data, 500, 1).test()));
        assertSame(full, StableHoldout.limitTestUsers(full, data, 5_000, 1), "small enough already");
    }

    @Test
    void theSeedChangesTheDraw() {
        TrainingData data = data(200, 20, Map.of());
        assertTrue(!pairs(StableHoldout.split(data, 0.1, 1).test()).equals(pairs(StableHoldout.split(data, 0.1, 2).test())));
        assertEquals(pairs(StableHoldout.split(data, 0.1, 1).test()), pairs(StableHoldout.split(data, 0.1, 1).test()));
    }
}
