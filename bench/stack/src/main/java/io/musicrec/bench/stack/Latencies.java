package io.musicrec.bench.stack;

import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Durations (nanoseconds) recorded from any number of threads, and their percentiles: an HdrHistogram at three significant digits. */
final class Latencies {

    private final Histogram histogram = new ConcurrentHistogram(3);

    /** Adds one duration. */
    void record(long nanos) {
        histogram.recordValue(nanos);
    }

    /** How many were recorded. */
    long count() {
        return histogram.getTotalCount();
    }

    /** {@code p50 .. ms, p90 .. ms, p99 .. ms, max .. ms}. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", millis(50), millis(90), millis(99),
                histogram.getMaxValue() / 1e6);
    }

    private double millis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
