package io.musicrec.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeated timings of one thing in seconds, with the figures quoted for them. The minimum is the
 * run least disturbed by the other work on a shared machine; the median says what to expect.
 */
record Summary(double min, double median, double max, List<Double> values) {

    Summary {
        values = List.copyOf(values);
    }

    static Summary of(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no timings to summarise");
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(sorted[0], median, sorted[n - 1], Arrays.stream(seconds).boxed().toList());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", round(min));
        m.put("median", round(median));
        m.put("max", round(max));
        m.put("runs", values.stream().map(Summary::round).toList());
        return m;
    }

    static double round(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }
}
