package io.musicrec.bench.jmh;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.UserPlay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Users for latency benchmarks: each plays {@code artists} distinct artists drawn by listener count
 * (popular artists more often, as in real histories) with log-normal play counts.
 */
final class BenchUsers {
    private BenchUsers() {
    }

    static List<List<UserPlay>> sample(Model model, int users, int artists, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = model.size();
        double[] cumulative = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += model.listeners(i) + 1;
            cumulative[i] = total;
        }
        List<List<UserPlay>> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Set<Integer> seen = new HashSet<>();
            List<UserPlay> plays = new ArrayList<>();
            while (plays.size() < Math.min(artists, n)) {
                int i = java.util.Arrays.binarySearch(cumulative, rng.nextDouble() * total);
                i = Math.min(i < 0 ? -i - 1 : i, n - 1);
                if (seen.add(i)) {
                    plays.add(new UserPlay(model.artists().id(i), Math.max(1, Math.round(Math.exp(5 + 1.2 * rng.nextGaussian())))));
                }
            }
            out.add(plays);
        }
        return out;
    }
}
