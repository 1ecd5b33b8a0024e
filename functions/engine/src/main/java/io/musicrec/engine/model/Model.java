package io.musicrec.engine.model;

import io.musicrec.engine.internal.QuantizedFactors;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trained implicit-ALS model as serving needs it: item factors Y (one row of {@code factors}
 * floats per artist), the Gramian YᵀY for folding in new users, each artist's top-M most similar
 * artists ({@link #similarity}), and per-artist listener and play counts for popularity and BM25.
 *
 * <p>Immutable once built. The constructor takes ownership of the arrays it is given; nothing that
 * escapes through the accessors can modify the model.
 */
public final class Model {
    private final ModelInfo info;
    private final ArtistIndex artists;
    private final int factors;
    private final float[] itemFactors;
    private final double[] gramian;
    private final int neighbourCount;
    private final int[] neighbourIndex;
    private final float[] neighbourSimilarity;
    private final int[] listeners;
    private final long[] artistPlays;

    private final float[] norms;
    private final float[] significance;
    private final QuantizedFactors quantized;
    private final int[] popularity;
    private final Confidence confidence;

    /**
     * @param itemFactors row-major, {@code artists.size() * factors}
     * @param gramian row-major YᵀY, {@code factors * factors}
     * @param neighbourIndex row-major, {@code artists.size() * neighbourCount} dense indexes, -1 where
     *     an artist has fewer neighbours
     * @param neighbourSimilarity the similarities matching {@code neighbourIndex}
     * @param listeners training users who played each artist
     * @param artistPlays total training plays of each artist
     */
    public Model(ModelInfo info, ArtistIndex artists, float[] itemFactors, double[] gramian,
                 int neighbourCount, int[] neighbourIndex, float[] neighbourSimilarity,
                 int[] listeners, long[] artistPlays) {
        this.info = Objects.requireNonNull(info, "info");
        this.artists = Objects.requireNonNull(artists, "artists");
        this.factors = info.hyperparameters().factors();
        int n = artists.size();
        requireLength("item factors", itemFactors.length, (long) n * factors);
        requireLength("gramian", gramian.length, (long) factors * factors);
        if (neighbourCount < 0) {
            throw new IllegalArgumentException("neighbour count must be >= 0");
        }
        requireLength("neighbour index", neighbourIndex.length, (long) n * neighbourCount);
        requireLength("neighbour similarity", neighbourSimilarity.length, (long) n * neighbourCount);
        requireLength("listeners", listeners.length, n);
        requireLength("artist plays", artistPlays.length, n);
        if (info.trainingData().artists() != n) {
            throw new IllegalArgumentException("manifest says " + info.trainingData().artists() + " artists, index has " + n);
        }
        this.itemFactors = itemFactors;
        this.gramian = gramian;
        this.neighbourCount = neighbourCount;
        this.neighbourIndex = neighbourIndex;
        this.neighbourSimilarity = neighbourSimilarity;
        this.listeners = listeners;
        this.artistPlays = artistPlays;

        this.norms = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int f = 0, o = i * factors; f < factors; f++) {
                s += (double) itemFactors[o + f] * itemFactors[o + f];
            }
            norms[i] = (float) Math.sqrt(s);
        }
        // Most listeners first, ties by lower index (ids ascend with index): one primitive sort.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (listeners[i] < 0) {
                throw new IllegalArgumentException("listeners of artist " + artists.id(i) + " is negative");
            }
            keys[i] = ((long) (Integer.MAX_VALUE - listeners[i]) << 32) | i;
        }
        Arrays.sort(keys);
        this.popularity = new int[n];
        for (int i = 0; i < n; i++) {
            popularity[i] = (int) keys[i];
        }
        Hyperparameters h = info.hyperparameters();
        this.significance = significance(listeners, h.neighbourShrinkage());
        this.quantized = new QuantizedFactors(itemFactors, norms, n, factors);
        this.confidence = Confidence.of(h.weightingKind(), h.alpha(), h.bm25K1(), h.bm25B(), artistPlays);
    }

    private static void requireLength(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " values, expected " + expected);
        }
    }

    public ModelInfo info() {
        return info;
    }

    /** The same model under different metadata (the arrays are shared: both are immutable). */
    public Model withInfo(ModelInfo other) {
        return new Model(other, artists, itemFactors, gramian, neighbourCount, neighbourIndex, neighbourSimilarity,
                listeners, artistPlays);
    }

    public String id() {
        return info.modelId();
    }

    public ArtistIndex artists() {
        return artists;
    }

    public int size() {
        return artists.size();
    }

    public int factors() {
        return factors;
    }

    public double regularization() {
        return info.hyperparameters().regularization();
    }

    public Confidence confidence() {
        return confidence;
    }

    /** Users in the training data (the denominator of popularity scores). */
    public int trainingUsers() {
        return info.trainingData().users();
    }

    /** Copies artist {@code i}'s factor row into {@code out} at {@code offset}. */
    public void copyFactors(int i, float[] out, int offset) {
        System.arraycopy(itemFactors, i * factors, out, offset, factors);
    }

    /** A copy of all item factors, row-major. */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    /** A copy of YᵀY, row-major. */
    public double[] gramian() {
        return gramian.clone();
    }

    /** {@code y_i . x}. */
    public double score(int i, float[] x) {
        return dot(itemFactors, i * factors, x, factors);
    }

    /**
     * The factors in one byte per value, ordered by norm, with error and Cauchy-Schwarz bounds:
     * what an exact top-N over the whole catalog reads instead of {@link #scoreAll}.
     */
    public QuantizedFactors quantized() {
        return quantized;
    }

    /** {@code y_i . x} for every artist. */
    public void scoreAll(float[] x, float[] out) {
        int k = factors;
        for (int i = 0, o = 0; i < out.length; i++, o += k) {
            out[i] = dot(itemFactors, o, x, k);
        }
    }

    /**
     * How similar artist b is to artist a: the cosine of their factors, shrunk toward zero when b
     * has few listeners, {@code cos(a, b) * n_b / (n_b + s)} (significance weighting as in
     * neighbourhood methods: the factors of an artist two people played are mostly noise). With
     * shrinkage s = 0 it is the plain cosine. The precomputed neighbour lists use the same measure.
     */
    public float similarity(int a, int b) {
        float na = norms[a];
        float nb = norms[b];
        if (na == 0 || nb == 0) {
            return 0f;
        }
        float d = 0;
        int oa = a * factors;
        int ob = b * factors;
        for (int f = 0; f < factors; f++) {
            d += itemFactors[oa + f] * itemFactors[ob + f];
        }
        return d / (na * nb) * significance[b];
    }

    /** {@link #similarity(int, int)} of artist a to every artist. */
    public void similarityAll(int a, float[] out) {
        float na = norms[a];
        float[] y = new float[factors];
        copyFactors(a, y, 0);
        scoreAll(y, out);
        for (int i = 0; i < out.length; i++) {
            float d = na * norms[i];
            out[i] = d == 0 ? 0f : out[i] / d * significance[i];
        }
    }

    /** The shrinkage weight {@code n / (n + s)} of each artist, for computing neighbour tables. */
    public static float[] significance(int[] listeners, double shrinkage) {
        float[] w = new float[listeners.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = shrinkage == 0 ? 1f : (float) (listeners[i] / (listeners[i] + shrinkage));
        }
        return w;
    }

    public int neighbourCount() {
        return neighbourCount;
    }

    /** The {@code rank}-th most similar artist to {@code a} (0-based), or -1 past the end of its list. */
    public int neighbour(int a, int rank) {
        return neighbourIndex[a * neighbourCount + rank];
    }

    public float neighbourSimilarity(int a, int rank) {
        return neighbourSimilarity[a * neighbourCount + rank];
    }

    /** Copies of the neighbour table, for writing the artifact. */
    public int[] neighbourIndexes() {
        return neighbourIndex.clone();
    }

    public float[] neighbourSimilarities() {
        return neighbourSimilarity.clone();
    }

    public int listeners(int i) {
        return listeners[i];
    }

    public long artistPlays(int i) {
        return artistPlays[i];
    }

    /** The artist at {@code rank} in popularity order (most listeners first, ties by lower id). */
    public int popular(int rank) {
        return popularity[rank];
    }

    private static float dot(float[] a, int ao, float[] b, int k) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int f = 0;
        for (; f + 3 < k; f += 4) {
            s0 += a[ao + f] * b[f];
            s1 += a[ao + f + 1] * b[f + 1];
            s2 += a[ao + f + 2] * b[f + 2];
            s3 += a[ao + f + 3] * b[f + 3];
        }
        for (; f < k; f++) {
            s0 += a[ao + f] * b[f];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
