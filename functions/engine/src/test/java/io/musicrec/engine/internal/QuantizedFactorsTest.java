package io.musicrec.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizedFactorsTest {

    @Test
    void everyApproximateScoreIsWithinItsBoundOfTheExactOne() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 3 * QuantizedFactors.BLOCK + 77;
        int k = 64;
        float[] y = new float[n * k];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (rng.nextGaussian() * (i % 7 == 0 ? 5 : 1));
        }
        QuantizedFactors quantized = new QuantizedFactors(y, n, k);
        for (int trial = 0; trial < 20; trial++) {
            float[] x = new float[k];
            float l1 = 0;
            for (int f = 0; f < k; f++) {
                x[f] = (float) rng.nextGaussian();
                l1 += Math.abs(x[f]);
            }
            float[] approx = new float[n];
            quantized.approximate(x, approx);
            for (int i = 0; i < n; i++) {
                double exact = 0;
                for (int f = 0; f < k; f++) {
                    exact += (double) x[f] * y[i * k + f];
                }
                assertTrue(Math.abs(exact - approx[i]) <= quantized.errorBound(i, l1),
                        "artist " + i + ": exact " + exact + ", approximate " + approx[i] + ", bound " + quantized.errorBound(i, l1));
            }
        }
    }

    @Test
    void vectorAndScalarScansAgree() {
        SplittableRandom rng = new SplittableRandom(13);
        int n = QuantizedFactors.BLOCK + 5;
        int k = 32;
        float[] y = new float[n * k];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        float[] x = new float[k];
        for (int f = 0; f < k; f++) {
            x[f] = (float) rng.nextGaussian();
        }
        QuantizedFactors quantized = new QuantizedFactors(y, n, k);
        float[] best = new float[n];
        quantized.approximate(x, best);
        float[] scalar = new float[n];
        java.lang.reflect.Field q;
        try {
            q = QuantizedFactors.class.getDeclaredField("q");
            q.setAccessible(true);
            java.lang.reflect.Field scale = QuantizedFactors.class.getDeclaredField("scale");
            scale.setAccessible(true);
            ScanKernel.scalar().scan((byte[]) q.get(quantized), n, k, x, (float[]) scale.get(quantized), scalar);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(scalar[i], best[i], 1e-3f * Math.max(1, Math.abs(scalar[i])), "artist " + i + " with " + quantized.kernelName());
        }
    }
}
