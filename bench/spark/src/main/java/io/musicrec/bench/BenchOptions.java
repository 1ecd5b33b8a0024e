package io.musicrec.bench;

import io.musicrec.engine.model.Weighting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run of {@link SparkAlsBench} measures. {@code reg} is the project trainer's (unscaled)
 * regularization and is only recorded; {@code sparkReg} is what Spark gets as regParam, which
 * Spark multiplies by each user's and artist's rating count (ALS-WR), so the two are not the same
 * penalty even when equal.
 */
record BenchOptions(
        Path plays,
        long splitSeed,
        double testShare,
        int rank,
        int iterations,
        double reg,
        double sparkReg,
        double alpha,
        Weighting weighting,
        double bm25K1,
        double bm25B,
        int threads,
        int blocks,
        long seed,
        int repeats,
        int k,
        Path out,
        Map<String, String> sparkConf) {

    static final String USAGE = String.join("\n",
            "usage: spark-als.sh --plays FILE [options]",
            "  --plays FILE          user_artists.dat-style TSV (userID, artistID, weight)",
            "  --split-seed N        seed of the per-user hold-out split (default 1)",
            "  --test-share X        share of each user's artists held out (default 0.2)",
            "  --rank N              factors (default 64)",
            "  --iterations N        ALS iterations of the timed fit and of the scored model (default 15, >= 2)",
            "  --reg X               the project trainer's regularization, recorded (default 0.05)",
            "  --spark-reg X         Spark's regParam, scaled by rating counts inside Spark (default: --reg)",
            "  --alpha X             confidence c = 1 + alpha * f(plays) (default 1.0)",
            "  --weighting W         f: raw | log1p | bm25 (default raw)",
            "  --bm25-k1 X --bm25-b X  BM25 parameters (defaults 100, 0.8, as the trainer's)",
            "  --threads N           local[N] and evaluation threads (default 2)",
            "  --blocks N            Spark's numUserBlocks = numItemBlocks (default 10, Spark's own default)",
            "  --seed N              Spark ALS seed (default 42)",
            "  --repeats N           timed (1, N)-iteration fit pairs (default 3)",
            "  --k N                 cut-off of the ranking metrics (default 10)",
            "  --out FILE            write the results as JSON",
            "  --conf key=value      extra Spark configuration; may be repeated");

    private static final Set<String> NAMES = Set.of("plays", "split-seed", "test-share", "rank", "iterations", "reg",
            "spark-reg", "alpha", "weighting", "bm25-k1", "bm25-b", "threads", "blocks", "seed", "repeats", "k", "out",
            "conf");

    BenchOptions {
        if (plays == null) {
            throw new IllegalArgumentException("missing required option --plays");
        }
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("--test-share must be between 0 and 1 (exclusive), got " + testShare);
        }
        if (rank < 1 || rank > 1024) {
            throw new IllegalArgumentException("--rank must be 1..1024, got " + rank);
        }
        if (iterations < 2 || iterations > 1000) {
            // The marginal time per iteration is (T(N) - T(1)) / (N - 1).
            throw new IllegalArgumentException("--iterations must be 2..1000, got " + iterations);
        }
        requireNonNegative("--reg", reg);
        requireNonNegative("--spark-reg", sparkReg);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("--alpha must be > 0, got " + alpha);
        }
        if (!(bm25K1 > 0) || !(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("bm25 needs --bm25-k1 > 0 and 0 <= --bm25-b <= 1, got " + bm25K1 + " and " + bm25B);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads must be 1..256, got " + threads);
        }
        if (blocks < 1 || blocks > 10_000) {
            throw new IllegalArgumentException("--blocks must be 1..10000, got " + blocks);
        }
        if (repeats < 1 || repeats > 100) {
            throw new IllegalArgumentException("--repeats must be 1..100, got " + repeats);
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("--k must be 1..1000, got " + k);
        }
        sparkConf = Map.copyOf(sparkConf);
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    /** Parses {@code --name value} (or {@code --name=value}) pairs; only {@code --conf} may repeat. */
    static BenchOptions parse(List<String> argv) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --name value)");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.size()) {
                value = argv.get(++i);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (name.equals("conf")) {
                int sep = value.indexOf('=');
                if (sep <= 0) {
                    throw new IllegalArgumentException("--conf needs key=value, got '" + value + "'");
                }
                conf.put(value.substring(0, sep), value.substring(sep + 1));
            } else if (values.put(name, value) != null) {
                throw new IllegalArgumentException("option --" + name + " given twice");
            }
        }
        double reg = real(values, "reg", 0.05);
        String out = values.get("out");
        return new BenchOptions(
                values.containsKey("plays") ? Path.of(values.get("plays")) : null,
                integer(values, "split-seed", 1),
                real(values, "test-share", 0.2),
                (int) integer(values, "rank", 64),
                (int) integer(values, "iterations", 15),
                reg,
                real(values, "spark-reg", reg),
                real(values, "alpha", 1.0),
                Weighting.parse(values.getOrDefault("weighting", "raw")),
                real(values, "bm25-k1", 100),
                real(values, "bm25-b", 0.8),
                (int) integer(values, "threads", 2),
                (int) integer(values, "blocks", 10),
                integer(values, "seed", 42),
                (int) integer(values, "repeats", 3),
                (int) integer(values, "k", 10),
                out == null ? null : Path.of(out),
                conf);
    }

    private static long integer(Map<String, String> values, String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n != (int) n && !name.endsWith("seed")) {
                throw new IllegalArgumentException("--" + name + " is out of range: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    private static double real(Map<String, String> values, String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    /** The Spark master this run asks for. */
    String master() {
        return "local[" + threads + "]";
    }
}
