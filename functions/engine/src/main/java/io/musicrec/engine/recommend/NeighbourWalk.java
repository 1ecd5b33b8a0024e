package io.musicrec.engine.recommend;

import io.musicrec.engine.internal.IntIntMap;
import io.musicrec.engine.model.Model;

/**
 * Walks the artists most similar to one seed, most similar first: the model's precomputed top-M
 * list, then, only if a caller needs more, the catalog ranked by similarity (skipping what the list
 * already gave). So a walk runs dry only when the whole catalog has been seen.
 *
 * <p>The catalog ranking is rare (a seed with more slots than its list can fill) and costly, so it
 * is computed lazily and partially: the best few hundred by a bounded heap, four times as many if
 * those run out. Ties go to the lower index in both the list and the ranking, so each round's
 * ranking is a prefix of the next.
 */
final class NeighbourWalk {
    private static final int FIRST_ROUND = 256;

    private final Model model;
    private final int seed;
    private int rank;
    private IntIntMap listed;
    private float[] catalogSimilarity;
    private int[] ranking;
    private int rankingPos;
    private int artist = -1;
    private float similarity;

    NeighbourWalk(Model model, int seed) {
        this.model = model;
        this.seed = seed;
    }

    /** Moves to the next artist; false when the catalog is exhausted. */
    boolean next() {
        while (rank < model.neighbourCount()) {
            int a = model.neighbour(seed, rank);
            float s = model.neighbourSimilarity(seed, rank);
            rank++;
            if (a < 0) {
                rank = model.neighbourCount();
                break;
            }
            if (a != seed) {
                artist = a;
                similarity = s;
                return true;
            }
        }
        while (true) {
            if (ranking == null || (rankingPos == ranking.length && ranking.length < model.size() - 1)) {
                rankCatalog(ranking == null ? FIRST_ROUND + model.neighbourCount() : ranking.length * 4);
            }
            while (rankingPos < ranking.length) {
                int a = ranking[rankingPos++];
                if (listed.get(a) < 0) {
                    artist = a;
                    similarity = catalogSimilarity[a];
                    return true;
                }
            }
            if (ranking.length >= model.size() - 1) {
                return false;
            }
        }
    }

    int artist() {
        return artist;
    }

    float similarity() {
        return similarity;
    }

    /** Whether the next step would still come from the precomputed list (no catalog ranking needed). */
    boolean precomputedLeft() {
        return ranking == null && rank < model.neighbourCount() && model.neighbour(seed, rank) >= 0;
    }

    /** The best {@code size} artists by similarity to the seed (the seed itself left out), best first. */
    private void rankCatalog(int size) {
        int n = model.size();
        if (catalogSimilarity == null) {
            catalogSimilarity = new float[n];
            model.similarityAll(seed, catalogSimilarity);
            listed = new IntIntMap(Math.max(4, model.neighbourCount()));
            for (int r = 0; r < model.neighbourCount() && model.neighbour(seed, r) >= 0; r++) {
                listed.putIfAbsent(model.neighbour(seed, r), r);
            }
        }
        TopK top = new TopK(Math.min(size, n - 1));
        for (int i = 0; i < n; i++) {
            if (i != seed) {
                top.offer(i, catalogSimilarity[i]);
            }
        }
        ranking = top.drainBestFirst(null);
    }
}
