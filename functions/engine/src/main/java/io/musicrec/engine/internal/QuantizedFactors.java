package io.musicrec.engine.internal;

/**
 * The item factors quantised to one byte per value (per-artist scale), laid out for ranking a whole
 * catalog fast and exactly.
 *
 * <p><b>Bounds.</b> With {@code y_if = s_i (q_if + e_if)}, {@code |e_if| <= 1/2}, the approximate
 * score {@code a_i = s_i Σ_f x_f q_if} is within {@code s_i |x|₁ / 2} of the exact {@code x · y_i}
 * (plus float rounding, covered by a small margin); and no score exceeds {@code |x|₂ |y_i|₂}.
 *
 * <p><b>Order.</b> Artists are stored by descending factor norm, in blocks of {@link #BLOCK}, so a
 * caller can stop as soon as a whole block's Cauchy-Schwarz bound falls below the scores it already
 * holds: with a strongly regularised model most of a long-tail catalog is never read. Inside a
 * block the bytes are factor-major, so a vector of consecutive artists' bytes loads at once; the
 * last block is zero-padded.
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
    private final int[] artist;
    private final float[] blockMaxNorm;
    private final ScanKernel kernel;

    /**
     * @param factors row-major n x k item factors
     * @param norms each artist's factor norm
     */
    public QuantizedFactors(float[] factors, float[] norms, int n, int k) {
        this.n = n;
        this.k = k;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // Norms are non-negative, so their float bits sort like the values; ties by index.
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(norms[i])) << 32) | i;
        }
        java.util.Arrays.sort(keys);
        this.artist = new int[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        this.blockMaxNorm = new float[blocks];
        this.q = new byte[blocks * BLOCK * k];
        this.scale = new float[n];
        for (int pos = 0; pos < n; pos++) {
            int i = (int) keys[pos];
            artist[pos] = i;
            if (pos % BLOCK == 0) {
                blockMaxNorm[pos / BLOCK] = norms[i];
            }
            float max = 0;
            for (int f = 0; f < k; f++) {
                max = Math.max(max, Math.abs(factors[i * k + f]));
            }
            float s = max / 127f;
            scale[pos] = s;
            int base = (pos / BLOCK) * BLOCK * k + (pos % BLOCK);
            for (int f = 0; f < k; f++) {
                q[base + f * BLOCK] = s == 0 ? 0 : (byte) Math.round(factors[i * k + f] / s);
            }
        }
        this.kernel = ScanKernel.best();
    }

    public int blocks() {
        return blockMaxNorm.length;
    }

    /** Positions {@code [block * BLOCK, min(n, (block + 1) * BLOCK))} belong to the block. */
    public int blockEnd(int block) {
        return Math.min(n, (block + 1) * BLOCK);
    }

    /** The largest factor norm in the block (blocks come in descending order). */
    public float maxNorm(int block) {
        return blockMaxNorm[block];
    }

    /** The artist (dense index) stored at {@code position}. */
    public int artist(int position) {
        return artist[position];
    }

    /** Approximate scores of the block's artists into {@code out[0 .. blockEnd - block * BLOCK)}. */
    public void approximate(int block, float[] x, float[] out) {
        kernel.scan(q, block, blockEnd(block) - block * BLOCK, k, x, scale, out);
    }

    /** The error bound of the approximate score at {@code position} for a user vector of L1 norm {@code xNorm1}. */
    public float errorBound(int position, float xNorm1) {
        return scale[position] * xNorm1 * (0.5f + ROUNDING_MARGIN) + Float.MIN_NORMAL;
    }

    public String kernelName() {
        return kernel.name();
    }
}
