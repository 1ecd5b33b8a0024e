package io.musicrec.spark;

import io.musicrec.engine.model.Weighting;
import io.musicrec.trainer.als.AlsOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job's settings: the trainer's ALS options (same names, same defaults) and Spark's own.
 *
 * <p>Spark's {@code regParam} is not the trainer's {@code --regularization}: Spark puts
 * {@code regParam * n} on the diagonal of each row's solve, n being the row's plays (ALS-WR), where
 * the trainer puts a plain lambda, so no one number maps to the other. The manifest records
 * {@code --regularization}, which serving's fold-in uses; {@code --spark-reg} is Spark's own
 * (default {@value #DEFAULT_SPARK_REG}; bench/README.md says how it was chosen).
 */
public record TrainingJobOptions(String plays, String artists, String out, AlsOptions als, double sparkReg,
                                 int alsBlocks, int neighbourBlocks, String modelId) {

    public static final double DEFAULT_SPARK_REG = 0.05;

    public static final String USAGE = """
            usage: spark-submit --class io.musicrec.spark.TrainingJob musicrec-spark.jar \\
                --plays URI --out URI [--artists URI] [--factors 64 --regularization 20 --alpha 0.0075
                --weighting raw|log1p|bm25 --bm25-k1 100 --bm25-b 0.8 --iterations 15 --seed 42 --neighbours 50
                --neighbour-shrinkage 5 --spark-reg 0.05 --als-blocks N --neighbour-blocks N --model-id ID]
            URIs: local paths, s3a:// (or s3:// on EMR). --plays: a file or a directory of tab-separated
            (user, artist, plays) parts, gzip or not, a header line allowed (what `export-plays` writes).""";

    private static final Set<String> NAMES = Set.of("plays", "artists", "out", "factors", "regularization", "alpha", "weighting",
            "bm25-k1", "bm25-b", "iterations", "seed", "neighbours", "neighbour-shrinkage", "spark-reg", "als-blocks",
            "neighbour-blocks", "model-id");

    public TrainingJobOptions {
        if (plays == null || out == null) {
            throw new IllegalArgumentException("--plays and --out are required");
        }
        if (!(sparkReg >= 0) || Double.isInfinite(sparkReg)) {
            throw new IllegalArgumentException("--spark-reg must be >= 0, got " + sparkReg);
        }
        if (alsBlocks < 0 || neighbourBlocks < 0) {
            throw new IllegalArgumentException("block counts must be >= 1 (0: chosen by the job)");
        }
    }

    /** Parses {@code --name value} pairs. */
    public static TrainingJobOptions parse(List<String> argv) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i += 2) {
            String a = argv.get(i);
            if (!a.startsWith("--") || !NAMES.contains(a.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            if (i + 1 >= argv.size()) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            v.put(a.substring(2), argv.get(i + 1));
        }
        AlsOptions d = AlsOptions.defaults();
        AlsOptions als = new AlsOptions(
                integer(v, "factors", d.factors()),
                decimal(v, "regularization", d.regularization()),
                decimal(v, "alpha", d.alpha()),
                v.containsKey("weighting") ? Weighting.parse(v.get("weighting")) : d.weighting(),
                decimal(v, "bm25-k1", d.bm25K1()),
                decimal(v, "bm25-b", d.bm25B()),
                integer(v, "iterations", d.iterations()),
                v.containsKey("seed") ? Long.parseLong(v.get("seed")) : d.seed(),
                1, d.solver(), d.cgSteps(),
                integer(v, "neighbours", d.neighbours()),
                decimal(v, "neighbour-shrinkage", d.neighbourShrinkage()));
        return new TrainingJobOptions(v.get("plays"), v.get("artists"), v.get("out"), als, decimal(v, "spark-reg", DEFAULT_SPARK_REG),
                integer(v, "als-blocks", 0), integer(v, "neighbour-blocks", 0), v.get("model-id"));
    }

    private static int integer(Map<String, String> v, String name, int fallback) {
        try {
            return v.containsKey(name) ? Integer.parseInt(v.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v.get(name) + "'");
        }
    }

    private static double decimal(Map<String, String> v, String name, double fallback) {
        try {
            return v.containsKey(name) ? Double.parseDouble(v.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v.get(name) + "'");
        }
    }
}
