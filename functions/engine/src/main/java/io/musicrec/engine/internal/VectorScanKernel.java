package io.musicrec.engine.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ScanKernel} on the Vector API: four groups of sixteen artists per step, one accumulator each. */
final class VectorScanKernel extends ScanKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final int L = 16;

    @Override
    void scan(byte[] q, int block, int len, int k, float[] x, float[] scale, float[] out) {
        int size = QuantizedFactors.BLOCK;
        int base = block * size * k;
        int first = block * size;
        // Blocks are zero-padded to BLOCK, so whole groups of 64 never read past the array.
        for (int j = 0; j < len; j += 4 * L) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int o = base + j;
            for (int f = 0; f < k; f++, o += size) {
                FloatVector xf = FloatVector.broadcast(F, x[f]);
                a0 = widen(q, o).fma(xf, a0);
                a1 = widen(q, o + L).fma(xf, a1);
                a2 = widen(q, o + 2 * L).fma(xf, a2);
                a3 = widen(q, o + 3 * L).fma(xf, a3);
            }
            store(a0, scale, first, out, j, len - j);
            store(a1, scale, first, out, j + L, len - j - L);
            store(a2, scale, first, out, j + 2 * L, len - j - 2 * L);
            store(a3, scale, first, out, j + 3 * L, len - j - 3 * L);
        }
    }

    private static FloatVector widen(byte[] q, int offset) {
        return (FloatVector) ByteVector.fromArray(B, q, offset).convertShape(VectorOperators.B2F, F, 0);
    }

    private static void store(FloatVector acc, float[] scale, int first, float[] out, int at, int remaining) {
        if (remaining >= L) {
            acc.mul(FloatVector.fromArray(F, scale, first + at)).intoArray(out, at);
        } else {
            for (int lane = 0; lane < remaining; lane++) {
                out[at + lane] = acc.lane(lane) * scale[first + at + lane];
            }
        }
    }

    @Override
    String name() {
        return "vector-512bit";
    }
}
