package io.musicrec.trainer.als;

import smile.math.matrix.Matrix;

/**
 * YᵀY for a factor matrix Y (rows x k, row-major floats), in double precision. Plain Java rather than
 * Smile, whose {@code ata()} must first copy the floats into a column-major double matrix across JNI
 * and is slower (bench/README.md); {@link #ofSmile} stays for that comparison. Rows are summed in
 * fixed chunks in a fixed order, so the result does not depend on the number of threads.
 */
final class Gramian {
    private static final int CHUNK = 4096;
    private static final int BLOCK = 256;

    private Gramian() {
    }

    static double[] of(Parallel parallel, Kernels kernels, float[] y, int rows, int k) {
        int chunks = Parallel.chunks(rows, CHUNK);
        double[][] partial = new double[chunks][];
        parallel.forEachChunk(rows, CHUNK, () -> new float[k * k], (chunk, from, to, block) -> {
            partial[chunk] = chunkProduct(kernels, y, from, to, k, block);
        });
        double[] g = new double[k * k];
        for (double[] p : partial) {
            for (int i = 0; i < g.length; i++) {
                g[i] += p[i];
            }
        }
        return g;
    }

    /**
     * Σ y_i y_iᵀ over rows [from, to), as full rows of vector multiply-adds (twice the arithmetic
     * of a triangle, but vectorised). Float within a block of at most {@value #BLOCK} rows, double
     * across blocks, so rounding stays at float precision of a short sum.
     */
    private static double[] chunkProduct(Kernels kernels, float[] y, int from, int to, int k, float[] block) {
        double[] g = new double[k * k];
        for (int b = from; b < to; b += BLOCK) {
            java.util.Arrays.fill(block, 0f);
            int end = Math.min(to, b + BLOCK);
            for (int i = b; i < end; i++) {
                int o = i * k;
                for (int r = 0; r < k; r++) {
                    kernels.axpy(y[o + r], y, o, block, r * k, k);
                }
            }
            for (int j = 0; j < g.length; j++) {
                g[j] += block[j];
            }
        }
        return g;
    }

    /** The same product through Smile ({@code Matrix.ata()}), for the comparison benchmark. */
    static double[] ofSmile(float[] y, int rows, int k) {
        double[] colMajor = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < k; f++) {
                colMajor[f * rows + i] = y[i * k + f];
            }
        }
        Matrix ata = new Matrix(rows, k, rows, colMajor).ata();
        double[] g = new double[k * k];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                g[r * k + c] = ata.get(r, c);
            }
        }
        return g;
    }
}
