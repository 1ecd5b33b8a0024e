package io.musicrec.engine.internal;

/**
 * Solves {@code A x = b} for a small symmetric positive-definite {@code A} (row-major, k x k) by
 * Cholesky factorisation in double precision. Pure Java: for k = 64 a JNI call into LAPACK costs
 * more than the arithmetic, and serving must not load native libraries.
 */
public final class DenseCholesky {
    private final int k;
    private final double[] l;

    /**
     * Factorises {@code a} (only the lower triangle is read).
     *
     * @throws IllegalArgumentException when {@code a} is not positive definite
     */
    public DenseCholesky(double[] a, int k) {
        if (a.length < k * k) {
            throw new IllegalArgumentException("matrix has " + a.length + " entries, need " + k * k);
        }
        this.k = k;
        this.l = new double[k * k];
        for (int j = 0; j < k; j++) {
            double d = a[j * k + j];
            for (int p = 0; p < j; p++) {
                d -= l[j * k + p] * l[j * k + p];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (pivot " + j + " = " + d + ")");
            }
            double ljj = Math.sqrt(d);
            l[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                double s = a[i * k + j];
                for (int p = 0; p < j; p++) {
                    s -= l[i * k + p] * l[j * k + p];
                }
                l[i * k + j] = s / ljj;
            }
        }
    }

    /** Solves {@code A x = b}, overwriting {@code b} with {@code x}. */
    public void solveInPlace(double[] b) {
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= l[i * k + p] * b[p];
            }
            b[i] = s / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int p = i + 1; p < k; p++) {
                s -= l[p * k + i] * b[p];
            }
            b[i] = s / l[i * k + i];
        }
    }
}
