package io.musicrec.engine.recommend;

import java.util.Arrays;

/**
 * Shares N slots among a user's artists in proportion to their plays. The founding design gives
 * each artist {@code INT(plays / total * N)} slots; what the truncation drops is handed out by
 * largest remainder (Hamilton's method), ties to more plays first, then to the lower artist id, so
 * the slots always add up to exactly N.
 */
public final class Apportionment {
    private Apportionment() {
    }

    /**
     * @param plays each artist's plays, all positive
     * @param artistIds the artists' ids, for breaking ties
     * @param n the slots to share, {@code >= 0}
     * @return slots per artist, in the order given, summing to {@code n}
     */
    public static int[] largestRemainder(long[] plays, int[] artistIds, int n) {
        if (plays.length != artistIds.length) {
            throw new IllegalArgumentException(plays.length + " play counts but " + artistIds.length + " ids");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int count = plays.length;
        int[] slots = new int[count];
        if (count == 0) {
            return slots;
        }
        long total = 0;
        for (long p : plays) {
            if (p <= 0) {
                throw new IllegalArgumentException("plays must be positive, got " + p);
            }
            total = Math.addExact(total, p);
        }
        long[] remainder = new long[count];
        int given = 0;
        for (int i = 0; i < count; i++) {
            // Exact integer arithmetic: floor(p * n / total) and its remainder, no rounding surprises.
            long scaled = Math.multiplyExact(plays[i], (long) n);
            slots[i] = (int) (scaled / total);
            remainder[i] = scaled % total;
            given += slots[i];
        }
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            if (remainder[a] != remainder[b]) {
                return Long.compare(remainder[b], remainder[a]);
            }
            if (plays[a] != plays[b]) {
                return Long.compare(plays[b], plays[a]);
            }
            return Integer.compare(artistIds[a], artistIds[b]);
        });
        for (int j = 0; j < n - given; j++) {
            slots[order[j]]++;
        }
        return slots;
    }
}
