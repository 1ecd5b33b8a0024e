package io.musicrec.engine.internal;

/**
 * The item factors quantised to one byte per value (per-artist scale), for ranking a whole catalog
 * fast: a fold-in request reads 10 MB instead of 41 MB for 160,000 artists x 64 factors, and the
 * ranking stays exact because every approximate score comes with a guaranteed error bound.
 *
 * <p>With {@code y_if = s_i (q_if + e_if)}, {@code |e_if| <= 1/2}, the approximate score
 * {@code a_i = s_i Σ_f x_f q_if} is within {@code s_i |x|₁ / 2} of the exact {@code x · y_i}
 * (plus float rounding, covered by a small margin). Callers keep every artist whose upper bound
 * reaches the N-th best lower bound and score only those exactly.
 *
 * <p>Layout: blocks of {@link #BLOCK} artists, factor-major inside a block, so a vector of
 * consecutive artists' bytes for one factor loads at once; the last block is zero-padded.
 */
public final class QuantizedFactors {
    /** Artists per block. */
    public static final int BLOCK = 1024;
    /** The bound's slack for float rounding in a 64-term sum, relative to the largest term. */
    private static final float ROUNDING_MARGIN = 127 * 1e-5f;

    private final int n;
    private final int k;
    private final byte[] q;
    private final float[] scale;
    private final ScanKernel kernel;

    public QuantizedFactors(float[] factors, int n, int k) {
        this.n = n;
        this.k = k;
        int blocks = (n + BLOCK - 1) / BLOCK;
        this.q = new byte[blocks * BLOCK * k];
        this.scale = new float[n];
        for (int i = 0; i < n; i++) {
            float max = 0;
            for (int f = 0; f < k; f++) {
                max = Math.max(max, Math.abs(factors[i * k + f]));
            }
            float s = max / 127f;
            scale[i] = s;
            int base = (i / BLOCK) * BLOCK * k + (i % BLOCK);
            for (int f = 0; f < k; f++) {
                q[base + f * BLOCK] = s == 0 ? 0 : (byte) Math.round(factors[i * k + f] / s);
            }
        }
        this.kernel = ScanKernel.best();
    }

    /** Approximate scores {@code a_i} for every artist into {@code out} (length at least n). */
    public void approximate(float[] x, float[] out) {
        kernel.scan(q, n, k, x, scale, out);
    }

    /** The error bound of artist i's approximate score for a user vector with L1 norm {@code xNorm1}. */
    public float errorBound(int i, float xNorm1) {
        return scale[i] * xNorm1 * (0.5f + ROUNDING_MARGIN) + Float.MIN_NORMAL;
    }

    public String kernelName() {
        return kernel.name();
    }
}
