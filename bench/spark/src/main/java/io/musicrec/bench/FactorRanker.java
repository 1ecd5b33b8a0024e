package io.musicrec.bench;

import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.recommend.UserPlay;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ranks the whole catalog for a user by the dot product of the user's factor with every artist's
 * factor, as a model's own recommendations would, skipping the artists the user trained on. Kept
 * apart from Spark so that the ranking rule can be checked on factors written by hand.
 */
final class FactorRanker implements Evaluator.Ranker {
    private final int rank;
    private final int[] artistIds;
    private final float[] itemFactors;
    private final Map<Integer, float[]> userFactors;

    /**
     * @param artistIds   the catalog, ascending
     * @param itemFactors {@code artistIds.length x rank}, row-major, in the order of {@code artistIds}
     * @param userFactors each known user's factor, {@code rank} long
     */
    FactorRanker(int rank, int[] artistIds, float[] itemFactors, Map<Integer, float[]> userFactors) {
        if (itemFactors.length != (long) artistIds.length * rank) {
            throw new IllegalArgumentException("expected " + artistIds.length + " x " + rank + " item factors, got " + itemFactors.length + " values");
        }
        for (int i = 1; i < artistIds.length; i++) {
            if (artistIds[i] <= artistIds[i - 1]) {
                throw new IllegalArgumentException("artist ids must be ascending and distinct, got " + artistIds[i - 1] + " before " + artistIds[i]);
            }
        }
        for (Map.Entry<Integer, float[]> e : userFactors.entrySet()) {
            if (e.getValue().length != rank) {
                throw new IllegalArgumentException("user " + e.getKey() + " has " + e.getValue().length + " factors, expected " + rank);
            }
        }
        this.rank = rank;
        this.artistIds = artistIds;
        this.itemFactors = itemFactors;
        this.userFactors = Map.copyOf(userFactors);
    }

    int catalogSize() {
        return artistIds.length;
    }

    /** Best first; ties go to the lower artist id. A user without a factor gets nothing. */
    @Override
    public int[] topK(int userId, List<UserPlay> trainPlays, int k) {
        float[] x = userFactors.get(userId);
        if (x == null || k <= 0) {
            return new int[0];
        }
        boolean[] excluded = new boolean[artistIds.length];
        for (UserPlay p : trainPlays) {
            int i = Arrays.binarySearch(artistIds, p.artistId());
            if (i >= 0) {
                excluded[i] = true;
            }
        }
        // Sorted insertion into k slots: k is 10 here, so this beats a heap and stays readable.
        int[] best = new int[k];
        float[] bestScore = new float[k];
        int size = 0;
        for (int i = 0; i < artistIds.length; i++) {
            if (excluded[i]) {
                continue;
            }
            float s = 0;
            int base = i * rank;
            for (int f = 0; f < rank; f++) {
                s += x[f] * itemFactors[base + f];
            }
            // Indices rise with artist ids, so a later artist with an equal score ranks below.
            if (size == k && !(s > bestScore[k - 1])) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && s > bestScore[at - 1]) {
                best[at] = best[at - 1];
                bestScore[at] = bestScore[at - 1];
                at--;
            }
            best[at] = i;
            bestScore[at] = s;
        }
        int[] ids = new int[size];
        for (int r = 0; r < size; r++) {
            ids[r] = artistIds[best[r]];
        }
        return ids;
    }
}
