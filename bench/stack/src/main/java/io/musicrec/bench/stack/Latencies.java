package io.musicrec.bench.stack;

import java.util.Arrays;
import java.util.Locale;

/** Recorded durations (nanoseconds) and their percentiles; one recorder per thread, merged at the end. */
final class Latencies {

    private long[] values = new long[4096];
    private int count;

    /** Adds one duration. */
    void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    /** How many were recorded. */
    int count() {
        return count;
    }

    /** All of {@code parts} in one. */
    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.record(part.values[i]);
            }
        }
        return all;
    }

    /** The value below which {@code percent} per cent of the values lie (nearest rank), in milliseconds. */
    double percentileMillis(double percent) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    /** {@code p50 .. ms, p90 .. ms, p99 .. ms, max .. ms}. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", percentileMillis(50),
                percentileMillis(90), percentileMillis(99), percentileMillis(100));
    }
}
