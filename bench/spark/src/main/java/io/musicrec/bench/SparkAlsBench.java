package io.musicrec.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.data.InputException;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.eval.HoldoutSplit;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Confidence;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Times Spark MLlib's implicit ALS on a play file and scores the model it learns on the same
 * per-user hold-out the engine's own evaluation uses, so the two trainers can be compared.
 *
 * <p>Spark runs every iteration inside {@code fit()}, so the time of one iteration is taken as the
 * difference between a fit of N iterations and a fit of one, divided by N - 1: what is left out is
 * what both fits share (blocking the ratings, shuffles to build the in/out links, the final
 * factor materialisation). Each (1, N) pair is repeated after a warm-up fit of N iterations.
 */
public final class SparkAlsBench {
    private static final String USER = "user";
    private static final String ARTIST = "artist";
    private static final String RATING = "rating";

    private SparkAlsBench() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("spark-als: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        String missing = missingJvmAccess();
        if (missing != null) {
            System.err.println("spark-als: Spark needs " + missing + " on Java 17 and later; run it through bench/spark-als.sh, which passes the flags");
            System.exit(2);
        }
        try {
            Map<String, Object> result = run(options, System.err);
            printTable(result, System.out);
            if (options.out() != null) {
                writeJson(options.out(), result);
                System.out.println("wrote " + options.out());
            }
        } catch (InputException e) {
            System.err.println("spark-als: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("spark-als: cannot write " + options.out() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Spark's storage layer reaches into {@code sun.nio.ch} (to free direct buffers) as soon as a
     * block manager starts; without the export it fails deep inside SparkContext's constructor
     * with an IllegalAccessError, so say it up front instead.
     */
    private static String missingJvmAccess() {
        Module javaBase = Object.class.getModule();
        Module self = SparkAlsBench.class.getModule();
        if (!javaBase.isExported("sun.nio.ch", self)) {
            return "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
        }
        return null;
    }

    static Map<String, Object> run(BenchOptions o, PrintStream log) {
        String loadBefore = loadAverage();
        PlayMatrix plays = PlaysTsv.read(o.plays());
        HoldoutSplit split = HoldoutSplit.of(plays, o.testShare(), o.splitSeed());
        PlayMatrix train = split.train();
        PlayMatrix test = split.test();
        log.printf(Locale.ROOT, "data: %d users x %d artists, %d plays; train %d, test %d%n",
                plays.rows(), plays.columns(), plays.nonZeros(), train.nonZeros(), test.nonZeros());

        SparkSession.Builder builder = SparkSession.builder()
                .master(o.master())
                .appName("musicrec-spark-als-bench")
                // No web UI: it would bind a port and run a Jetty server beside the timed work.
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        o.sparkConf().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        try {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "spark-mllib-als-implicit");
            result.put("created_at", Instant.now().toString());
            result.put("spark_version", spark.version());
            result.put("master", o.master());
            result.put("params", params(o));
            result.put("dataset", dataset(o, plays, train, test));

            // Stored in Spark's block manager with the lineage cut, as if read from a table: a
            // DataFrame over a driver-side list would ship the whole list inside every task.
            Dataset<Row> ratings = ratings(spark, train, o).localCheckpoint(true);
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Set<Integer> keep = new HashSet<>(sc.getPersistentRDDs().keySet());

            log.printf(Locale.ROOT, "warm-up fit, %d iterations ...%n", o.iterations());
            Timed warmUp = fit(o, ratings, o.iterations());
            release(sc, keep);
            log.printf(Locale.ROOT, "warm-up fit: %.2f s%n", warmUp.seconds());

            double[] one = new double[o.repeats()];
            double[] full = new double[o.repeats()];
            double[] perIteration = new double[o.repeats()];
            double[] cpuPerIteration = new double[o.repeats()];
            FactorRanker ranker = null;
            for (int r = 0; r < o.repeats(); r++) {
                Timed single = fit(o, ratings, 1);
                release(sc, keep);
                Timed all = fit(o, ratings, o.iterations());
                if (r == o.repeats() - 1) {
                    ranker = ranker(all.model(), train, o.rank());
                }
                release(sc, keep);
                one[r] = single.seconds();
                full[r] = all.seconds();
                perIteration[r] = (all.seconds() - single.seconds()) / (o.iterations() - 1);
                cpuPerIteration[r] = (all.cpuSeconds() - single.cpuSeconds()) / (o.iterations() - 1);
                log.printf(Locale.ROOT, "repeat %d/%d: fit(1) %.2f s, fit(%d) %.2f s, %.3f s per iteration (%.3f CPU s)%n",
                        r + 1, o.repeats(), one[r], o.iterations(), full[r], perIteration[r], cpuPerIteration[r]);
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("method", "(T(N) - T(1)) / (N - 1) per repeat, after one warm-up fit of N iterations;"
                    + " wall-clock seconds, and CPU seconds of the whole JVM (Spark's local executors included)");
            timing.put("seconds_per_iteration", Summary.of(perIteration).toMap());
            timing.put("cpu_seconds_per_iteration", Summary.of(cpuPerIteration).toMap());
            // One fit slowed by other load spoils its pair's difference; the fastest fit of each
            // length is the least disturbed, so their difference is the steadier estimate.
            Summary fastOne = Summary.of(one);
            Summary fastFull = Summary.of(full);
            timing.put("seconds_per_iteration_of_fastest_fits",
                    Summary.round((fastFull.min() - fastOne.min()) / (o.iterations() - 1)));
            timing.put("fit_seconds_" + o.iterations() + "_iterations", fastFull.toMap());
            timing.put("fit_seconds_1_iteration", fastOne.toMap());
            timing.put("warm_up_fit_seconds", Summary.round(warmUp.seconds()));
            result.put("timing", timing);

            log.printf(Locale.ROOT, "scoring the %d-iteration model at k = %d ...%n", o.iterations(), o.k());
            Metrics metrics = new Evaluator(o.k(), o.threads())
                    .evaluate("spark-als", ranker, train, test, ranker.catalogSize());
            result.put("quality", metrics.toMap());
            result.put("machine", machine(loadBefore));
            return result;
        } finally {
            spark.stop();
        }
    }

    /** Wall-clock seconds of one fit, and the CPU seconds every thread of this JVM spent in it. */
    private record Timed(double seconds, double cpuSeconds, ALSModel model) {
    }

    private static Timed fit(BenchOptions o, Dataset<Row> ratings, int iterations) {
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setRank(o.rank())
                .setMaxIter(iterations)
                .setRegParam(o.sparkReg())
                .setAlpha(o.alpha())
                .setNumUserBlocks(o.blocks())
                .setNumItemBlocks(o.blocks())
                .setSeed(o.seed())
                .setUserCol(USER)
                .setItemCol(ARTIST)
                .setRatingCol(RATING);
        // Garbage left by the previous fit should not be collected on this one's clock.
        System.gc();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        // fit() materialises both factor RDDs before it returns (ALS.train counts them).
        ALSModel model = als.fit(ratings);
        long wall = System.nanoTime() - start;
        return new Timed(wall / 1e9, (processCpuNanos() - cpuStart) / 1e9, model);
    }

    /**
     * CPU time of the whole process: in local mode Spark's executor threads are this JVM's, so it
     * counts the work of a fit without the waiting that other load on a shared machine adds.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Drops the factors and in/out blocks a fit left cached, so fits do not pile up in memory. */
    private static void release(JavaSparkContext sc, Set<Integer> keep) {
        for (Map.Entry<Integer, JavaRDD<?>> e : sc.getPersistentRDDs().entrySet()) {
            if (!keep.contains(e.getKey())) {
                e.getValue().unpersist(true);
            }
        }
    }

    /**
     * The training plays as Spark ratings. Spark's implicit ALS takes confidence 1 + alpha * r on
     * the value it is given, so r is f(plays) of the same weighting the project's trainer applies.
     */
    private static Dataset<Row> ratings(SparkSession spark, PlayMatrix train, BenchOptions o) {
        Confidence confidence = Confidence.of(o.weighting(), o.alpha(), o.bm25K1(), o.bm25B(), train.columnSums());
        List<Row> rows = new ArrayList<>(train.nonZeros());
        for (int u = 0; u < train.rows(); u++) {
            int length = train.rowLength(u);
            for (int e = train.rowStart(u); e < train.rowStart(u + 1); e++) {
                int artist = train.column(e);
                float r = (float) confidence.weight(artist, train.plays(e), length);
                rows.add(RowFactory.create(train.rowId(u), train.columnId(artist), r));
            }
        }
        StructType schema = new StructType()
                .add(USER, DataTypes.IntegerType, false)
                .add(ARTIST, DataTypes.IntegerType, false)
                .add(RATING, DataTypes.FloatType, false);
        // One slice per ALS block keeps each task that carries the rows well under Spark's 1 MB
        // task-size warning; ALS repartitions by block anyway.
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, o.blocks()), schema);
    }

    /** Spark's learned factors, item factors laid out in the training matrix's column order. */
    private static FactorRanker ranker(ALSModel model, PlayMatrix train, int rank) {
        int[] artistIds = new int[train.columns()];
        for (int c = 0; c < artistIds.length; c++) {
            artistIds[c] = train.columnId(c);
        }
        float[] items = new float[artistIds.length * rank];
        for (Row row : model.itemFactors().collectAsList()) {
            int c = train.columnOf(row.getInt(0));
            if (c < 0) {
                throw new IllegalStateException("Spark returned a factor for artist " + row.getInt(0) + ", which is not in the training data");
            }
            List<Float> f = row.getList(1);
            for (int i = 0; i < rank; i++) {
                items[c * rank + i] = f.get(i);
            }
        }
        Map<Integer, float[]> users = new HashMap<>();
        for (Row row : model.userFactors().collectAsList()) {
            List<Float> f = row.getList(1);
            float[] x = new float[rank];
            for (int i = 0; i < rank; i++) {
                x[i] = f.get(i);
            }
            users.put(row.getInt(0), x);
        }
        return new FactorRanker(rank, artistIds, items, users);
    }

    private static Map<String, Object> params(BenchOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", o.rank());
        m.put("iterations", o.iterations());
        m.put("reg", o.reg());
        m.put("spark_reg_param", o.sparkReg());
        m.put("spark_reg_note", "Spark scales regParam by each user's and artist's rating count (ALS-WR); the project's trainer does not");
        m.put("alpha", o.alpha());
        m.put("weighting", o.weighting().label());
        if (o.weighting() == io.musicrec.engine.model.Weighting.BM25) {
            m.put("bm25_k1", o.bm25K1());
            m.put("bm25_b", o.bm25B());
        }
        m.put("blocks", o.blocks());
        m.put("seed", o.seed());
        m.put("threads", o.threads());
        m.put("repeats", o.repeats());
        m.put("k", o.k());
        m.put("spark_conf", new LinkedHashMap<>(o.sparkConf()));
        return m;
    }

    private static Map<String, Object> dataset(BenchOptions o, PlayMatrix plays, PlayMatrix train, PlayMatrix test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", o.plays().getFileName().toString());
        m.put("digest", plays.digest());
        m.put("users", plays.rows());
        m.put("artists", plays.columns());
        m.put("plays", plays.nonZeros());
        m.put("split_seed", o.splitSeed());
        m.put("test_share", o.testShare());
        m.put("train_plays", train.nonZeros());
        m.put("train_artists", train.columns());
        m.put("test_plays", test.nonZeros());
        m.put("test_users", test.rows());
        return m;
    }

    private static Map<String, Object> machine(String loadBefore) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        m.put("vector_api", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        m.put("blas", blas());
        m.put("lapack", lapack());
        m.put("load_average_before", loadBefore);
        m.put("load_average_after", loadAverage());
        return m;
    }

    /**
     * The BLAS Spark's ALS calls (its {@code nativeBLAS}): the system's libblas through JNI when
     * one can be loaded, otherwise netlib's Java implementation, the Vector API one when
     * {@code jdk.incubator.vector} is in the boot layer.
     */
    private static String blas() {
        try {
            return dev.ludovic.netlib.blas.NativeBLAS.getInstance().getClass().getName();
        } catch (RuntimeException | LinkageError e) {
            return dev.ludovic.netlib.blas.JavaBLAS.getInstance().getClass().getName();
        }
    }

    private static String lapack() {
        try {
            return dev.ludovic.netlib.lapack.NativeLAPACK.getInstance().getClass().getName();
        } catch (RuntimeException | LinkageError e) {
            return dev.ludovic.netlib.lapack.JavaLAPACK.getInstance().getClass().getName();
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the architecture is still worth recording.
        }
        return System.getProperty("os.arch");
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, so say how busy it was. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @SuppressWarnings("unchecked")
    static void printTable(Map<String, Object> r, PrintStream out) {
        Map<String, Object> p = (Map<String, Object>) r.get("params");
        Map<String, Object> d = (Map<String, Object>) r.get("dataset");
        Map<String, Object> t = (Map<String, Object>) r.get("timing");
        Map<String, Object> q = (Map<String, Object>) r.get("quality");
        Map<String, Object> m = (Map<String, Object>) r.get("machine");
        int n = (Integer) p.get("iterations");
        out.printf(Locale.ROOT, "Spark MLlib %s implicit ALS, %s: rank %s, %d iterations, regParam %s (x ratings per row), alpha %s, weighting %s, %s blocks%n",
                r.get("spark_version"), r.get("master"), p.get("rank"), n, p.get("spark_reg_param"), p.get("alpha"),
                p.get("weighting"), p.get("blocks"));
        out.printf(Locale.ROOT, "data: %s users x %s artists; train %s plays, test %s (split seed %s, share %s)%n",
                d.get("users"), d.get("artists"), d.get("train_plays"), d.get("test_plays"), d.get("split_seed"), d.get("test_share"));
        out.printf(Locale.ROOT, "machine: %s, %s cores, %s; BLAS %s; load %s -> %s%n", m.get("cpu"), m.get("cores"), m.get("java"),
                simpleName((String) m.get("blas")), m.get("load_average_before"), m.get("load_average_after"));
        out.printf(Locale.ROOT, "%-26s %9s %9s %9s%n", "seconds", "min", "median", "max");
        row(out, "per iteration", (Map<String, Object>) t.get("seconds_per_iteration"));
        row(out, "per iteration, CPU", (Map<String, Object>) t.get("cpu_seconds_per_iteration"));
        out.printf(Locale.ROOT, "%-26s %9.3f%n", "per iteration, fastest fits", t.get("seconds_per_iteration_of_fastest_fits"));
        row(out, "fit, " + n + " iterations", (Map<String, Object>) t.get("fit_seconds_" + n + "_iterations"));
        row(out, "fit, 1 iteration", (Map<String, Object>) t.get("fit_seconds_1_iteration"));
        int k = (Integer) q.get("k");
        out.printf(Locale.ROOT, "quality@%d over %s users: ndcg %.4f  precision %.4f  recall %.4f  map %.4f  hit rate %.4f  coverage %.4f%n",
                k, q.get("users"), q.get("ndcg"), q.get("precision"), q.get("recall"), q.get("map"), q.get("hit_rate"), q.get("coverage"));
    }

    private static void row(PrintStream out, String label, Map<String, Object> s) {
        out.printf(Locale.ROOT, "%-26s %9.3f %9.3f %9.3f%n", label, s.get("min"), s.get("median"), s.get("max"));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static void writeJson(Path file, Map<String, Object> result) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, tmp -> json.writeValue(tmp.toFile(), result));
    }
}
