package io.musicrec.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizedFactorsTest {

    private static float[] norms(float[] y, int n, int k) {
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int f = 0; f < k; f++) {
                s += (double) y[i * k + f] * y[i * k + f];
            }
            norms[i] = (float) Math.sqrt(s);
        }
        return norms;
    }

    private static float[] randomFactors(SplittableRandom rng, int n, int k) {
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) {
            double size = Math.exp(rng.nextGaussian());
            for (int f = 0; f < k; f++) {
                y[i * k + f] = (float) (rng.nextGaussian() * size);
            }
        }
        return y;
    }

    @Test
    void everyApproximateScoreIsWithinItsBoundAndBlocksComeByDescendingNorm() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 3 * QuantizedFactors.BLOCK + 77;
        int k = 64;
        float[] y = randomFactors(rng, n, k);
        float[] norms = norms(y, n, k);
        QuantizedFactors quantized = new QuantizedFactors(y, norms, n, k);
        boolean[] seen = new boolean[n];
        for (int b = 0; b < quantized.blocks(); b++) {
            if (b > 0) {
                assertTrue(quantized.maxNorm(b) <= quantized.maxNorm(b - 1));
            }
            for (int pos = b * QuantizedFactors.BLOCK; pos < quantized.blockEnd(b); pos++) {
                assertTrue(norms[quantized.artist(pos)] <= quantized.maxNorm(b), "block " + b + " holds a larger norm");
                seen[quantized.artist(pos)] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s, "every artist is stored once");
        }
        float[] approx = new float[QuantizedFactors.BLOCK];
        for (int trial = 0; trial < 10; trial++) {
            float[] x = new float[k];
            float l1 = 0;
            for (int f = 0; f < k; f++) {
                x[f] = (float) rng.nextGaussian();
                l1 += Math.abs(x[f]);
            }
            for (int b = 0; b < quantized.blocks(); b++) {
                quantized.approximate(b, x, approx);
                for (int pos = b * QuantizedFactors.BLOCK; pos < quantized.blockEnd(b); pos++) {
                    int i = quantized.artist(pos);
                    double exact = 0;
                    for (int f = 0; f < k; f++) {
                        exact += (double) x[f] * y[i * k + f];
                    }
                    float a = approx[pos - b * QuantizedFactors.BLOCK];
                    assertTrue(Math.abs(exact - a) <= quantized.errorBound(pos, l1),
                            "artist " + i + ": exact " + exact + ", approximate " + a + ", bound " + quantized.errorBound(pos, l1));
                }
            }
        }
    }

    @Test
    void vectorAndScalarScansAgree() {
        SplittableRandom rng = new SplittableRandom(13);
        int n = QuantizedFactors.BLOCK + 5;
        int k = 32;
        float[] y = randomFactors(rng, n, k);
        float[] x = new float[k];
        for (int f = 0; f < k; f++) {
            x[f] = (float) rng.nextGaussian();
        }
        QuantizedFactors quantized = new QuantizedFactors(y, norms(y, n, k), n, k);
        try {
            java.lang.reflect.Field q = QuantizedFactors.class.getDeclaredField("q");
            q.setAccessible(true);
            java.lang.reflect.Field scale = QuantizedFactors.class.getDeclaredField("scale");
            scale.setAccessible(true);
            for (int b = 0; b < quantized.blocks(); b++) {
                int len = quantized.blockEnd(b) - b * QuantizedFactors.BLOCK;
                float[] best = new float[QuantizedFactors.BLOCK];
                float[] scalar = new float[QuantizedFactors.BLOCK];
                quantized.approximate(b, x, best);
                ScanKernel.scalar().scan((byte[]) q.get(quantized), b, len, k, x, (float[]) scale.get(quantized), scalar);
                for (int j = 0; j < len; j++) {
                    assertEquals(scalar[j], best[j], 1e-3f * Math.max(1, Math.abs(scalar[j])), "position " + j + " with " + quantized.kernelName());
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
