package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The founding design's quotas and {@code because}, with each seed's candidates chosen by the user
 * rather than by the seed alone. A seed's candidates are its precomputed most similar artists
 * (extended along the full similarity ranking only when too few are left); they are ranked by the
 * folded-in score {@code x_u · y_i} and the seed takes the best ones still free. The score is that
 * predicted preference, and the final list is ordered by it.
 */
final class HybridRecommender extends AbstractRecommender {
    HybridRecommender(Model model) {
        super(model, Mode.HYBRID);
    }

    @Override
    List<Recommendation> recommendFor(UserHistory history, int n) {
        float[] x = FoldIn.of(model, history).vector();
        int[] slots = Apportionment.largestRemainder(history.seedPlays, history.seedId, n);
        Picks picks = new Picks(n);
        int[] window = new int[Math.max(16, model.neighbourCount())];
        for (int s = 0; s < history.seeds(); s++) {
            int need = slots[s];
            if (need == 0) {
                continue;
            }
            int seedId = history.seedId[s];
            int size = 0;
            int free = 0;
            NeighbourWalk walk = new NeighbourWalk(model, history.seedIndex[s]);
            while ((walk.precomputedLeft() || free < need) && walk.next()) {
                int candidate = walk.artist();
                if (history.played(candidate)) {
                    continue;
                }
                if (size == window.length) {
                    window = java.util.Arrays.copyOf(window, size * 2);
                }
                window[size++] = candidate;
                if (!picks.claimed(candidate)) {
                    free++;
                }
            }
            long[] ranked = rank(window, size, x);
            for (int r = 0; r < ranked.length && need > 0; r++) {
                int candidate = (int) ranked[r];
                if (picks.claimed(candidate)) {
                    picks.addBecause(candidate, seedId);
                } else {
                    picks.claim(candidate, model.score(candidate, x), List.of(seedId));
                    need--;
                }
            }
        }
        // The quotas decide which artists are in the list; the user's predicted preference decides
        // the order (a stable sort, so equal scores keep the seeds' order).
        List<Recommendation> out = new ArrayList<>(picks.toList(model.artists()));
        out.sort((p, q) -> Double.compare(q.score(), p.score()));
        return out;
    }

    /** The window's artists by descending score, ties to the lower index, as packed (key, index) longs. */
    private long[] rank(int[] window, int size, float[] x) {
        long[] keys = new long[size];
        for (int i = 0; i < keys.length; i++) {
            int a = window[i];
            int bits = Float.floatToIntBits((float) model.score(a, x));
            int ascending = bits ^ ((bits >> 31) & 0x7FFFFFFF);
            keys[i] = ((long) ~ascending << 32) | a;
        }
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            keys[i] &= 0xFFFFFFFFL;
        }
        return keys;
    }
}
