package io.musicrec.trainer.als;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramianTest {

    @Test
    void javaAndSmileProductsAgree() {
        SplittableRandom rng = new SplittableRandom(2);
        int rows = 9000;
        int k = 16;
        float[] y = new float[rows * k];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        double[] java;
        try (Parallel parallel = new Parallel(2)) {
            java = Gramian.of(parallel, Kernels.best(), y, rows, k);
        }
        double[] smile = Gramian.ofSmile(y, rows, k);
        for (int i = 0; i < k * k; i++) {
            assertEquals(smile[i], java[i], 1e-3 * Math.max(1, Math.abs(smile[i])), "entry " + i);
        }
        assertEquals(java[1], java[k], 0.0, "symmetric");
    }
}
