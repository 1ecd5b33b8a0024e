package io.musicrec.engine.model;

import java.time.Instant;
import java.util.Map;

/**
 * Builds small models by hand for tests: artists with given ids, factor vectors and listener
 * counts; the neighbour table is computed by brute force with the model's own similarity, so the
 * precomputed lists and the catalog fallback agree.
 */
public final class TinyModel {
    private TinyModel() {
    }

    public static Model of(int[] ids, float[][] factors, int[] listeners, int neighbourCount) {
        return of(ids, factors, listeners, neighbourCount, 0.0, 0.1, Weighting.LOG1P, 1.0);
    }

    public static Model of(int[] ids, float[][] factors, int[] listeners, int neighbourCount, double shrinkage,
                           double regularization, Weighting weighting, double alpha) {
        int n = ids.length;
        int k = factors[0].length;
        float[] y = new float[n * k];
        double[] g = new double[k * k];
        String[] names = new String[n];
        long[] plays = new long[n];
        for (int i = 0; i < n; i++) {
            names[i] = "artist " + ids[i];
            plays[i] = 10L * listeners[i];
            for (int f = 0; f < k; f++) {
                y[i * k + f] = factors[i][f];
            }
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    g[r * k + c] += (double) factors[i][r] * factors[i][c];
                }
            }
        }
        int users = 0;
        for (int l : listeners) {
            users = Math.max(users, l);
        }
        Hyperparameters h = new Hyperparameters(k, regularization, alpha, weighting.label(), 100, 0.8, 1, 1, 1, "cg", 3, shrinkage);
        ModelInfo info = new ModelInfo("tiny-model", Instant.parse("2026-01-01T00:00:00Z"), h,
                new ModelInfo.TrainingData("sha256:test", Math.max(users, 1), n, n), Map.of());
        // A first model without neighbours gives the similarity measure for the real table.
        Model plain = new Model(info, new ArtistIndex(ids, names), y, g, 0, new int[0], new float[0], listeners, plays);
        int m = neighbourCount;
        int[] index = new int[n * m];
        float[] sim = new float[n * m];
        java.util.Arrays.fill(index, -1);
        for (int a = 0; a < n; a++) {
            final int seed = a;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (p, q) -> {
                float sp = plain.similarity(seed, p);
                float sq = plain.similarity(seed, q);
                return sp != sq ? Float.compare(sq, sp) : Integer.compare(p, q);
            });
            int t = 0;
            for (int i = 0; i < n && t < m; i++) {
                if (order[i] != a) {
                    index[a * m + t] = order[i];
                    sim[a * m + t] = plain.similarity(a, order[i]);
                    t++;
                }
            }
        }
        return new Model(info, new ArtistIndex(ids, names), y, g, m, index, sim, listeners, plays);
    }

    /** A unit vector at {@code degrees} in the plane. */
    public static float[] angle(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }
}
