package io.musicrec.engine.recommend;

/**
 * Keeps the k best (index, score) pairs seen: highest score first, ties to the lower index. A
 * bounded min-heap, so ranking a 160,000-artist catalog for 100 slots stays O(n log k).
 */
final class TopK {
    private final int capacity;
    private final int[] index;
    private final float[] score;
    private int size;

    TopK(int capacity) {
        this.capacity = capacity;
        this.index = new int[capacity];
        this.score = new float[capacity];
    }

    /** True if (a, sa) ranks below (b, sb). */
    private static boolean worse(float sa, int a, float sb, int b) {
        return sa < sb || (sa == sb && a > b);
    }

    void offer(int i, float s) {
        if (capacity == 0) {
            return;
        }
        if (size < capacity) {
            int at = size++;
            index[at] = i;
            score[at] = s;
            siftUp(at);
        } else if (worse(score[0], index[0], s, i)) {
            index[0] = i;
            score[0] = s;
            siftDown(0);
        }
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!worse(score[at], index[at], score[parent], index[parent])) {
                break;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int l = 2 * at + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int worst = (r < size && worse(score[r], index[r], score[l], index[l])) ? r : l;
            if (!worse(score[worst], index[worst], score[at], index[at])) {
                return;
            }
            swap(at, worst);
            at = worst;
        }
    }

    private void swap(int a, int b) {
        int ti = index[a];
        index[a] = index[b];
        index[b] = ti;
        float ts = score[a];
        score[a] = score[b];
        score[b] = ts;
    }

    boolean full() {
        return size == capacity;
    }

    /** The score of the worst pair kept (the heap's root); only meaningful when not empty. */
    float worstScore() {
        return score[0];
    }

    /** Drains the heap: indexes best first. */
    int[] drainBestFirst(float[] scoresOut) {
        int n = size;
        int[] out = new int[n];
        for (int pos = n - 1; pos >= 0; pos--) {
            out[pos] = index[0];
            if (scoresOut != null) {
                scoresOut[pos] = score[0];
            }
            size--;
            index[0] = index[size];
            score[0] = score[size];
            siftDown(0);
        }
        return out;
    }
}
