package io.musicrec.engine.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.TinyModel;
import io.musicrec.engine.model.Weighting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pruned fold-in ranking gives exactly what scoring every artist and sorting gives. */
class ExactTopTest {

    @Test
    void prunedRankingEqualsBruteForce() {
        SplittableRandom rng = new SplittableRandom(21);
        int n = 4000;
        int k = 24;
        int[] ids = new int[n];
        float[][] factors = new float[n][k];
        int[] listeners = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            double size = Math.exp(rng.nextGaussian());
            for (int f = 0; f < k; f++) {
                factors[i][f] = (float) (rng.nextGaussian() * size);
            }
            listeners[i] = 1 + rng.nextInt(100);
        }
        // A few exact duplicates make ties, which both rankings must break by the lower index.
        factors[17] = factors[3].clone();
        factors[2500] = factors[1200].clone();
        Model model = TinyModel.of(ids, factors, listeners, 0, 0, 1.0, Weighting.LOG1P, 1.0);
        Recommender foldIn = Recommender.of(Mode.FOLD_IN, model);
        for (int trial = 0; trial < 30; trial++) {
            List<UserPlay> plays = new ArrayList<>();
            Set<Integer> played = new HashSet<>();
            for (int j = 0; j < 1 + rng.nextInt(50); j++) {
                int id = 1 + rng.nextInt(n);
                plays.add(new UserPlay(id, 1 + rng.nextInt(300)));
                played.add(id);
            }
            int want = 1 + rng.nextInt(150);
            List<Integer> got = foldIn.recommend(plays, want).stream().map(Recommendation::artistId).toList();

            float[] x = FoldIn.of(model, UserHistory.of(plays, model)).vector();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!played.contains(ids[i])) {
                    order.add(i);
                }
            }
            order.sort((a, b) -> {
                float sa = (float) model.score(a, x);
                float sb = (float) model.score(b, x);
                return sa != sb ? Float.compare(sb, sa) : Integer.compare(a, b);
            });
            List<Integer> expected = order.subList(0, want).stream().map(i -> ids[i]).toList();
            assertEquals(expected, got, "trial " + trial);
        }
    }
}
