package io.musicrec.trainer.als;

/**
 * Each artist's top-M most similar artists, precomputed so serving never scans the catalog for the
 * quota and hybrid modes: cosine on the item factors times a per-artist weight (the engine's
 * {@link io.musicrec.engine.model.Model#similarity} shrinkage). Ties go to the lower index.
 */
public final class Neighbours {
    private final int[] index;
    private final float[] similarity;

    private Neighbours(int[] index, float[] similarity) {
        this.index = index;
        this.similarity = similarity;
    }

    int[] index() {
        return index;
    }

    float[] similarity() {
        return similarity;
    }

    /** Query artists per unit of parallel work. */
    private static final int QUERIES = 64;
    /** Candidate artists per tile: four rows of them stay in L1. */
    private static final int TILE = 1024;

    /**
     * Blocked all-pairs similarity: four query artists at a time against a tile of candidates, the
     * dot products computed as a small matrix product against the transposed unit factors (one
     * candidate load feeds four multiply-adds), then fed to one bounded heap per query.
     */
    static Neighbours compute(Parallel parallel, Kernels kernels, float[] y, int items, int k, int m, float[] weight) {
        float[] unit = unitRows(y, items, k);
        float[] transposed = transpose(unit, items, k);
        int[] index = new int[items * m];
        float[] similarity = new float[items * m];
        java.util.Arrays.fill(index, -1);
        if (m == 0) {
            return new Neighbours(index, similarity);
        }
        parallel.forEachChunk(items, QUERIES, () -> new Block(m), (chunk, from, to, block) -> {
            int queries = to - from;
            for (int q = 0; q < queries; q++) {
                block.heaps[q].clear();
            }
            for (int q0 = 0; q0 < queries; q0 += Kernels.TILE_ROWS) {
                int rows = Math.min(Kernels.TILE_ROWS, queries - q0);
                for (int t0 = 0; t0 < items; t0 += TILE) {
                    int len = Math.min(TILE, items - t0);
                    kernels.tile(unit, (from + q0) * k, rows, k, transposed, items, t0, len, block.tile, TILE);
                    for (int r = 0; r < rows; r++) {
                        Heap heap = block.heaps[q0 + r];
                        int self = from + q0 + r;
                        int row = r * TILE;
                        for (int j = 0; j < len; j++) {
                            int b = t0 + j;
                            if (b != self) {
                                heap.offer(b, block.tile[row + j] * weight[b]);
                            }
                        }
                    }
                }
            }
            for (int q = 0; q < queries; q++) {
                block.heaps[q].drainInto(index, similarity, (from + q) * m);
            }
        });
        return new Neighbours(index, similarity);
    }

    /** The rows of {@code y} (items x k) scaled to unit length; a zero row stays zero. */
    public static float[] unitRows(float[] y, int items, int k) {
        float[] unit = new float[items * k];
        for (int i = 0; i < items; i++) {
            double s = 0;
            for (int f = 0; f < k; f++) {
                s += (double) y[i * k + f] * y[i * k + f];
            }
            float inv = s == 0 ? 0f : (float) (1.0 / Math.sqrt(s));
            for (int f = 0; f < k; f++) {
                unit[i * k + f] = y[i * k + f] * inv;
            }
        }
        return unit;
    }

    private static float[] transpose(float[] rows, int n, int k) {
        float[] t = new float[k * n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < k; f++) {
                t[f * n + i] = rows[i * k + f];
            }
        }
        return t;
    }

    /**
     * One block of the all-pairs search, for a search split over machines: offers each candidate's
     * weighted similarity to each query into that query's heap with the kernels of {@link #compute}, so
     * the merged heaps of all blocks hold the lists. Rows are {@link #unitRows}; a query is never offered itself.
     */
    public static void offerBlock(float[] queryUnit, int[] queryIndex, float[] candidateUnit, int[] candidateIndex, float[] weight,
                                  int k, Heap[] heaps) {
        Kernels kernels = Kernels.best();
        int candidates = candidateIndex.length;
        float[] transposed = transpose(candidateUnit, candidates, k);
        float[] tile = new float[Kernels.TILE_ROWS * TILE];
        for (int q0 = 0; q0 < queryIndex.length; q0 += Kernels.TILE_ROWS) {
            int rows = Math.min(Kernels.TILE_ROWS, queryIndex.length - q0);
            for (int t0 = 0; t0 < candidates; t0 += TILE) {
                int len = Math.min(TILE, candidates - t0);
                kernels.tile(queryUnit, q0 * k, rows, k, transposed, candidates, t0, len, tile, TILE);
                for (int r = 0; r < rows; r++) {
                    Heap heap = heaps[q0 + r];
                    int self = queryIndex[q0 + r];
                    int row = r * TILE;
                    for (int j = 0; j < len; j++) {
                        int b = candidateIndex[t0 + j];
                        if (b != self) {
                            heap.offer(b, tile[row + j] * weight[t0 + j]);
                        }
                    }
                }
            }
        }
    }

    /** Per-thread buffers: the similarity tile and one heap per query artist. */
    private static final class Block {
        final float[] tile = new float[Kernels.TILE_ROWS * TILE];
        final Heap[] heaps = new Heap[QUERIES];

        Block(int m) {
            for (int q = 0; q < QUERIES; q++) {
                heaps[q] = new Heap(m);
            }
        }
    }

    /** A bounded min-heap of (index, score): best = highest score, ties to the lower index. */
    public static final class Heap {
        private final int capacity;
        private final int[] idx;
        private final float[] val;
        private int size;

        public Heap(int capacity) {
            this.capacity = capacity;
            this.idx = new int[capacity];
            this.val = new float[capacity];
        }

        public void clear() {
            size = 0;
        }

        private static boolean worse(float sa, int a, float sb, int b) {
            return sa < sb || (sa == sb && a > b);
        }

        public void offer(int i, float s) {
            if (size == capacity && (s < val[0] || (s == val[0] && i > idx[0]))) {
                return;
            }
            if (size < capacity) {
                int at = size++;
                idx[at] = i;
                val[at] = s;
                while (at > 0) {
                    int parent = (at - 1) >>> 1;
                    if (!worse(val[at], idx[at], val[parent], idx[parent])) {
                        break;
                    }
                    swap(at, parent);
                    at = parent;
                }
            } else if (worse(val[0], idx[0], s, i)) {
                idx[0] = i;
                val[0] = s;
                siftDown();
            }
        }

        private void siftDown() {
            int at = 0;
            while (true) {
                int l = 2 * at + 1;
                if (l >= size) {
                    return;
                }
                int r = l + 1;
                int w = (r < size && worse(val[r], idx[r], val[l], idx[l])) ? r : l;
                if (!worse(val[w], idx[w], val[at], idx[at])) {
                    return;
                }
                swap(at, w);
                at = w;
            }
        }

        private void swap(int a, int b) {
            int ti = idx[a];
            idx[a] = idx[b];
            idx[b] = ti;
            float tv = val[a];
            val[a] = val[b];
            val[b] = tv;
        }

        /** Writes best-first into {@code index}/{@code sim} at {@code offset}, emptying the heap. */
        public void drainInto(int[] index, float[] sim, int offset) {
            for (int pos = size - 1; pos >= 0; pos--) {
                index[offset + pos] = idx[0];
                sim[offset + pos] = val[0];
                size--;
                idx[0] = idx[size];
                val[0] = val[size];
                siftDown();
            }
        }
    }
}
