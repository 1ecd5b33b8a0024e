package io.musicrec.engine.recommend;

import io.musicrec.engine.internal.IntIntMap;
import io.musicrec.engine.model.Model;
import java.util.Arrays;

/**
 * Walks the artists most similar to one seed, most similar first: the model's precomputed top-M
 * list, then, only if a caller needs more, a full similarity ranking of the catalog (skipping what the
 * list already gave). So a walk runs dry only when the whole catalog has been seen.
 */
final class NeighbourWalk {
    private final Model model;
    private final int seed;
    private final IntIntMap seen = new IntIntMap(64);
    private int rank;
    private long[] rest;
    private float[] restSimilarity;
    private int restPos;
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
            if (a != seed && seen.get(a) < 0) {
                seen.putIfAbsent(a, 0);
                artist = a;
                similarity = s;
                return true;
            }
        }
        if (rest == null) {
            rankCatalog();
        }
        while (restPos < rest.length) {
            int a = (int) rest[restPos++];
            if (seen.get(a) < 0) {
                artist = a;
                similarity = restSimilarity[a];
                return true;
            }
        }
        return false;
    }

    int artist() {
        return artist;
    }

    float similarity() {
        return similarity;
    }

    /** Whether the next step would still come from the precomputed list (no catalog ranking needed). */
    boolean precomputedLeft() {
        return rest == null && rank < model.neighbourCount() && model.neighbour(seed, rank) >= 0;
    }

    private void rankCatalog() {
        int n = model.size();
        restSimilarity = new float[n];
        model.similarityAll(seed, restSimilarity);
        rest = new long[n - 1];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (i != seed) {
                int bits = Float.floatToIntBits(restSimilarity[i]);
                int ascending = bits ^ ((bits >> 31) & 0x7FFFFFFF);
                rest[j++] = ((long) ~ascending << 32) | i;
            }
        }
        Arrays.sort(rest);
        for (int i = 0; i < rest.length; i++) {
            rest[i] = rest[i] & 0xFFFFFFFFL;
        }
    }
}
