package io.musicrec.trainer.als;

import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import java.util.Optional;

/**
 * The two vector operations the ALS inner loop spends its time in. Two implementations: plain
 * Java, and the incubating Vector API (jdk.incubator.vector), about twice as fast here, used when
 * the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
abstract class Kernels {
    /** {@code sum a[ao + i] * b[bo + i]} for i below n. */
    abstract float dot(float[] a, int ao, float[] b, int bo, int n);

    /** {@code y[yo + i] += alpha * x[xo + i]} for i below n. */
    abstract void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /**
     * {@code c[r * ldc + j] = sum_f a[ao + r * k + f] * bt[f * ldb + col0 + j]} for r below rows
     * (at most {@link #TILE_ROWS}) and j below cols: a small matrix product against a transposed
     * right-hand side, the inner block of the all-pairs similarity table.
     */
    abstract void tile(float[] a, int ao, int rows, int k, float[] bt, int ldb, int col0, int cols, float[] c, int ldc);

    static final int TILE_ROWS = 4;

    /**
     * The conjugate-gradient row operator in one pass:
     * {@code out = a (G p) + Σ_j (u[j] + v[j] (y_j · p)) y_j}, with G symmetric k x k row-major and
     * {@code y_j = fixed[offsets[j] .. offsets[j] + k)} for j below m. {@code dots} is scratch of
     * length at least m. (A p is a = 1, u = 0, v = c - 1; the first residual is a = -1, u = c,
     * v = 1 - c.)
     */
    abstract void gramPlusRankOne(float a, float[] g, float[] p, float[] fixed, int[] offsets, float[] u, float[] v, int m,
                                  float[] dots, float[] out, int k);

    abstract String name();

    private static final Kernels BEST = choose();

    /** The fastest kernels this JVM can run; {@code MUSICREC_KERNELS=scalar} forces plain Java. */
    static Kernels best() {
        return BEST;
    }

    static Kernels scalar() {
        return new ScalarKernels();
    }

    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Kernels choose() {
        Optional<String> forced = Environment.system().optional(EnvironmentVariables.MUSICREC_KERNELS);
        if (forced.equals(Optional.of("scalar")) || !vectorAvailable()) {
            return new ScalarKernels();
        }
        try {
            return (Kernels) Class.forName("io.musicrec.trainer.als.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ScalarKernels();
        }
    }

    static final class ScalarKernels extends Kernels {
        @Override
        float dot(float[] a, int ao, float[] b, int bo, int n) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += a[ao + i] * b[bo + i];
                s1 += a[ao + i + 1] * b[bo + i + 1];
                s2 += a[ao + i + 2] * b[bo + i + 2];
                s3 += a[ao + i + 3] * b[bo + i + 3];
            }
            for (; i < n; i++) {
                s0 += a[ao + i] * b[bo + i];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] += alpha * x[xo + i];
            }
        }

        @Override
        void gramPlusRankOne(float a, float[] g, float[] p, float[] fixed, int[] offsets, float[] u, float[] v, int m,
                             float[] dots, float[] out, int k) {
            java.util.Arrays.fill(out, 0, k, 0f);
            for (int f = 0; f < k; f++) {
                axpy(a * p[f], g, f * k, out, 0, k);
            }
            for (int j = 0; j < m; j++) {
                axpy(u[j] + v[j] * dot(fixed, offsets[j], p, 0, k), fixed, offsets[j], out, 0, k);
            }
        }

        @Override
        void tile(float[] a, int ao, int rows, int k, float[] bt, int ldb, int col0, int cols, float[] c, int ldc) {
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(c, r * ldc, r * ldc + cols, 0f);
                for (int f = 0; f < k; f++) {
                    axpy(a[ao + r * k + f], bt, f * ldb + col0, c, r * ldc, cols);
                }
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}
