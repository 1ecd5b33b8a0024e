package io.musicrec.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DenseCholeskyTest {

    @Test
    void solvesAHandCheckedSystem() {
        // [[4, 2], [2, 3]] x = [2, 3]  =>  x = [0, 1]
        double[] b = {2, 3};
        new DenseCholesky(new double[] {4, 2, 2, 3}, 2).solveInPlace(b);
        assertArrayEquals(new double[] {0, 1}, b, 1e-12);
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        assertThrows(IllegalArgumentException.class, () -> new DenseCholesky(new double[] {1, 2, 2, 1}, 2));
    }
}
