package io.musicrec.engine.internal;

/**
 * The inner loop of {@link QuantizedFactors#approximate}: plain Java, or the incubating Vector API
 * when the JVM runs with {@code --add-modules jdk.incubator.vector} (a byte-to-float conversion
 * and multiply-add per lane; C2 does not vectorise the plain loop's conversion on Java 17).
 */
abstract class ScanKernel {
    private static final ScanKernel BEST = choose();

    /**
     * {@code out[j] = scale[block * BLOCK + j] * Σ_f x[f] q[block * BLOCK * k + f * BLOCK + j]}
     * for j below {@code len}: one block's approximate scores.
     */
    abstract void scan(byte[] q, int block, int len, int k, float[] x, float[] scale, float[] out);

    abstract String name();

    static ScanKernel best() {
        return BEST;
    }

    static ScanKernel scalar() {
        return new Scalar();
    }

    private static ScanKernel choose() {
        if ("scalar".equals(System.getenv("MUSICREC_KERNELS"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new Scalar();
        }
        try {
            return (ScanKernel) Class.forName("io.musicrec.engine.internal.VectorScanKernel").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Scalar();
        }
    }

    static final class Scalar extends ScanKernel {
        @Override
        void scan(byte[] q, int block, int len, int k, float[] x, float[] scale, float[] out) {
            int size = QuantizedFactors.BLOCK;
            int base = block * size * k;
            int first = block * size;
            for (int j = 0; j < len; j++) {
                out[j] = 0f;
            }
            for (int f = 0; f < k; f++) {
                float xf = x[f];
                int o = base + f * size;
                for (int j = 0; j < len; j++) {
                    out[j] += xf * q[o + j];
                }
            }
            for (int j = 0; j < len; j++) {
                out[j] *= scale[first + j];
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}
