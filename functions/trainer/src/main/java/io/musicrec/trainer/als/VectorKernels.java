package io.musicrec.trainer.als;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Kernels} on the Vector API: fused multiply-add over the widest lanes the CPU offers. */
final class VectorKernels extends Kernels {
    /**
     * The lane width: the CPU's widest by default; {@code -Dmusicrec.vector.bits=256} forces AVX2
     * width on AVX-512 machines (narrower vectors make the horizontal sums cheaper).
     */
    private static final VectorSpecies<Float> S = species(Integer.getInteger("musicrec.vector.bits", 0));
    private static final int L = S.length();

    private static VectorSpecies<Float> species(int bits) {
        switch (bits) {
            case 128:
                return FloatVector.SPECIES_128;
            case 256:
                return FloatVector.SPECIES_256;
            case 512:
                return FloatVector.SPECIES_512;
            default:
                return FloatVector.SPECIES_PREFERRED;
        }
    }

    @Override
    float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float tail = 0;
        if (n >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (; i + L <= n; i += L) {
                acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
            }
            tail = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            tail += a[ao + i] * b[bo + i];
        }
        return tail;
    }

    @Override
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector av = FloatVector.broadcast(S, alpha);
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    @Override
    void gramPlusRankOne(float a, float[] g, float[] p, float[] fixed, int[] offsets, float[] u, float[] v, int m,
                         float[] dots, float[] out, int k) {
        if (k % (4 * L) != 0) {
            Kernels.scalar().gramPlusRankOne(a, g, p, fixed, offsets, u, v, m, dots, out, k);
            return;
        }
        for (int j = 0; j < m; j++) {
            dots[j] = u[j] + v[j] * dot(fixed, offsets[j], p, 0, k);
        }
        // Four accumulators held in registers across all of G's rows and all played items, so
        // the sum never goes through memory (an axpy per row would store and reload it each time).
        for (int cb = 0; cb < k; cb += 4 * L) {
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S);
            FloatVector c3 = FloatVector.zero(S);
            for (int f = 0, go = cb; f < k; f++, go += k) {
                FloatVector pf = FloatVector.broadcast(S, a * p[f]);
                c0 = FloatVector.fromArray(S, g, go).fma(pf, c0);
                c1 = FloatVector.fromArray(S, g, go + L).fma(pf, c1);
                c2 = FloatVector.fromArray(S, g, go + 2 * L).fma(pf, c2);
                c3 = FloatVector.fromArray(S, g, go + 3 * L).fma(pf, c3);
            }
            for (int j = 0; j < m; j++) {
                FloatVector w = FloatVector.broadcast(S, dots[j]);
                int yo = offsets[j] + cb;
                c0 = FloatVector.fromArray(S, fixed, yo).fma(w, c0);
                c1 = FloatVector.fromArray(S, fixed, yo + L).fma(w, c1);
                c2 = FloatVector.fromArray(S, fixed, yo + 2 * L).fma(w, c2);
                c3 = FloatVector.fromArray(S, fixed, yo + 3 * L).fma(w, c3);
            }
            c0.intoArray(out, cb);
            c1.intoArray(out, cb + L);
            c2.intoArray(out, cb + 2 * L);
            c3.intoArray(out, cb + 3 * L);
        }
    }

    @Override
    void tile(float[] a, int ao, int rows, int k, float[] bt, int ldb, int col0, int cols, float[] c, int ldc) {
        if (rows != TILE_ROWS) {
            Kernels.scalar().tile(a, ao, rows, k, bt, ldb, col0, cols, c, ldc);
            return;
        }
        int j = 0;
        int a0 = ao;
        int a1 = ao + k;
        int a2 = ao + 2 * k;
        int a3 = ao + 3 * k;
        // Four rows of accumulators per lane block: one load of bt feeds four fused multiply-adds.
        for (; j + L <= cols; j += L) {
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S);
            FloatVector c3 = FloatVector.zero(S);
            int b = col0 + j;
            for (int f = 0; f < k; f++, b += ldb) {
                FloatVector v = FloatVector.fromArray(S, bt, b);
                c0 = v.fma(FloatVector.broadcast(S, a[a0 + f]), c0);
                c1 = v.fma(FloatVector.broadcast(S, a[a1 + f]), c1);
                c2 = v.fma(FloatVector.broadcast(S, a[a2 + f]), c2);
                c3 = v.fma(FloatVector.broadcast(S, a[a3 + f]), c3);
            }
            c0.intoArray(c, j);
            c1.intoArray(c, ldc + j);
            c2.intoArray(c, 2 * ldc + j);
            c3.intoArray(c, 3 * ldc + j);
        }
        for (; j < cols; j++) {
            for (int r = 0; r < TILE_ROWS; r++) {
                float sum = 0;
                for (int f = 0; f < k; f++) {
                    sum += a[ao + r * k + f] * bt[f * ldb + col0 + j];
                }
                c[r * ldc + j] = sum;
            }
        }
    }

    @Override
    String name() {
        return "vector-" + S.vectorBitSize() + "bit";
    }
}
