package io.musicrec.spark;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.model.ArtistIndex;
import io.musicrec.engine.model.Confidence;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.ModelInfo;
import io.musicrec.engine.model.Weighting;
import io.musicrec.trainer.als.AlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Trains the model on Spark and writes it as the trainer would: plays weighted with the engine's
 * {@link Confidence}, MLlib's implicit ALS, YᵀY and the neighbours on the executors, and {@link
 * ModelArtifact#write}. Only counts, YᵀY, the finished neighbour lists and the item factors (which
 * the writer needs in one array) reach the driver; the digest streams the sorted plays one partition
 * at a time, so it equals the trainer's {@code PlayMatrix.digest()} without holding the data.
 */
public final class TrainingJob {
    /** The manifest's {@code solver}: what trained the factors (see {@link TrainingJobOptions} on regularization). */
    public static final String SOLVER = "spark-mllib-als";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What a run did, with each phase's wall seconds. */
    public record Result(Model model, double sparkReg, Map<String, Double> seconds) {
    }

    private TrainingJob() {
    }

    /** Entry point for {@code spark-submit}; exit code 2 for bad options. */
    public static void main(String[] args) throws IOException {
        TrainingJobOptions options;
        try {
            options = TrainingJobOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("spark training: " + e.getMessage());
            System.err.println(TrainingJobOptions.USAGE);
            System.exit(2);
            return;
        }
        try (SparkSession spark = SparkSession.builder().appName("musicrec-training").getOrCreate()) {
            Result result = run(spark, options, Clock.systemUTC());
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                    "model_id", result.model().id(), "out", options.out(), "seconds", result.seconds())));
        }
    }

    /** Trains and writes the artifact to {@code options.out()}. */
    public static Result run(SparkSession spark, TrainingJobOptions options, Clock clock) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        AlsOptions als = options.als();
        int k = als.factors();
        int m = als.neighbours();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();

        // (user << 32 | artist) -> plays, repeated pairs summed, zero plays dropped: PlayMatrix's rules.
        JavaPairRDD<Long, Integer> plays = sc.textFile(options.plays())
                .filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)))
                .mapToPair(TrainingJob::parse)
                .reduceByKey(TrainingJob::saturatedAdd)
                .filter(e -> e._2() > 0)
                .persist(StorageLevel.MEMORY_AND_DISK());

        List<Tuple2<Integer, long[]>> artistStats = new ArrayList<>(plays
                .mapToPair(e -> new Tuple2<>((int) (long) e._1(), new long[] {e._2(), 1}))
                .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})
                .collect());
        artistStats.sort((a, b) -> Integer.compare(a._1(), b._1()));
        int n = artistStats.size();
        if (n == 0) {
            throw new IllegalArgumentException(options.plays() + ": no plays to train on");
        }
        int[] ids = new int[n];
        long[] artistPlays = new long[n];
        int[] listeners = new int[n];
        long nonZeros = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = artistStats.get(i)._1();
            artistPlays[i] = artistStats.get(i)._2()[0];
            listeners[i] = (int) artistStats.get(i)._2()[1];
            nonZeros += listeners[i];
        }
        JavaPairRDD<Integer, Integer> userLengths = plays
                .mapToPair(e -> new Tuple2<>((int) (e._1() >>> 32), 1))
                .reduceByKey(Integer::sum);
        long users = userLengths.count();
        String digest = digest(plays);
        seconds.put("read", since(t));

        t = System.nanoTime();
        Broadcast<int[]> idsB = sc.broadcast(ids);
        Broadcast<long[]> playsB = sc.broadcast(artistPlays);
        Weighting weighting = als.weighting();
        double alpha = als.alpha();
        double k1 = als.bm25K1();
        double b = als.bm25B();
        // Spark's implicit ALS takes c = 1 + alpha |r|, p = [r > 0]: given r = f(plays), its confidence is ours.
        JavaRDD<Row> ratings = plays
                .mapToPair(e -> new Tuple2<>((int) (e._1() >>> 32), new int[] {(int) (long) e._1(), e._2()}))
                .join(userLengths)
                .mapPartitions(rows -> {
                    Confidence confidence = Confidence.of(weighting, alpha, k1, b, playsB.value());
                    int[] known = idsB.value();
                    List<Row> out = new ArrayList<>();
                    while (rows.hasNext()) {
                        Tuple2<Integer, Tuple2<int[], Integer>> r = rows.next();
                        int artist = Arrays.binarySearch(known, r._2()._1()[0]);
                        double f = confidence.weight(artist, r._2()._1()[1], r._2()._2());
                        out.add(RowFactory.create(r._1(), artist, (float) f));
                    }
                    return out.iterator();
                });
        StructType schema = new StructType()
                .add("user", DataTypes.IntegerType, false)
                .add("item", DataTypes.IntegerType, false)
                .add("rating", DataTypes.FloatType, false);
        Dataset<Row> frame = spark.createDataFrame(ratings, schema);
        double sparkReg = options.sparkReg();
        int alsBlocks = options.alsBlocks() > 0 ? options.alsBlocks() : sc.defaultParallelism();
        ALSModel fitted = new ALS()
                .setImplicitPrefs(true)
                .setRank(k)
                .setMaxIter(als.iterations())
                .setRegParam(sparkReg)
                .setAlpha(alpha)
                .setSeed(als.seed())
                .setNumUserBlocks(alsBlocks)
                .setNumItemBlocks(alsBlocks)
                .setUserCol("user")
                .setItemCol("item")
                .setRatingCol("rating")
                .fit(frame);
        JavaPairRDD<Integer, float[]> itemFactors = fitted.itemFactors().toJavaRDD()
                .mapToPair(row -> new Tuple2<>(row.getInt(0), floats(row.getList(1))))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long factorRows = itemFactors.count();
        plays.unpersist();
        seconds.put("train", since(t));
        if (factorRows != n) {
            throw new IllegalStateException("Spark returned factors for " + factorRows + " of " + n + " artists");
        }

        t = System.nanoTime();
        double[] gramian = itemFactors.values().treeAggregate(new double[k * k], (g, y) -> {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    g[r * k + c] += (double) y[r] * y[c];
                }
            }
            return g;
        }, (g1, g2) -> {
            for (int i = 0; i < g1.length; i++) {
                g1[i] += g2[i];
            }
            return g1;
        });
        int[] neighbourIndex = new int[n * m];
        float[] neighbourSimilarity = new float[n * m];
        Arrays.fill(neighbourIndex, -1);
        if (m > 0) {
            Broadcast<float[]> weights = sc.broadcast(Model.significance(listeners, als.neighbourShrinkage()));
            int blocks = options.neighbourBlocks() > 0 ? options.neighbourBlocks() : Math.max(2, (n + 8191) / 8192);
            for (Tuple2<Integer, DistributedNeighbours.Lists> row
                    : DistributedNeighbours.compute(itemFactors, weights, k, m, blocks).collect()) {
                System.arraycopy(row._2().index(), 0, neighbourIndex, row._1() * m, m);
                System.arraycopy(row._2().similarity(), 0, neighbourSimilarity, row._1() * m, m);
            }
        }
        seconds.put("neighbours", since(t));

        t = System.nanoTime();
        float[] y = new float[n * k];
        for (Tuple2<Integer, float[]> row : itemFactors.collect()) {
            System.arraycopy(row._2(), 0, y, row._1() * k, k);
        }
        itemFactors.unpersist();
        String[] names = names(sc, options.artists(), ids);
        String modelId = options.modelId() != null ? options.modelId()
                : "spark-" + ID_TIME.format(clock.instant()) + "-" + digest.substring("sha256:".length(), "sha256:".length() + 8);
        Hyperparameters h = new Hyperparameters(k, als.regularization(), alpha, weighting.label(), k1, b, als.iterations(),
                als.seed(), sc.defaultParallelism(), SOLVER, 0, als.neighbourShrinkage());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("engine", "spark " + spark.version());
        training.put("spark_reg_param", sparkReg);
        training.put("als_blocks", alsBlocks);
        ModelInfo info = new ModelInfo(modelId, clock.instant(), h,
                new ModelInfo.TrainingData(digest, (int) users, n, nonZeros), Map.of("training", training));
        Model model = new Model(info, new ArtistIndex(ids, names), y, gramian, m, neighbourIndex, neighbourSimilarity,
                listeners, artistPlays);
        write(model, options.out(), sc.hadoopConfiguration());
        seconds.put("write", since(t));
        return new Result(model, sparkReg, seconds);
    }

    private static Tuple2<Long, Integer> parse(String line) {
        int t1 = line.indexOf('\t');
        int t2 = line.indexOf('\t', t1 + 1);
        if (t1 < 0 || t2 < 0) {
            throw new IllegalArgumentException("not a (user, artist, plays) row: '" + line + "'");
        }
        int user = Integer.parseInt(line, 0, t1, 10);
        int artist = Integer.parseInt(line, t1 + 1, t2, 10);
        int end = line.indexOf('\t', t2 + 1);
        int count = Integer.parseInt(line, t2 + 1, end < 0 ? line.length() : end, 10);
        if (user <= 0 || artist <= 0 || count < 0) {
            throw new IllegalArgumentException("ids must be >= 1 and plays >= 0: '" + line + "'");
        }
        return new Tuple2<>(((long) user << 32) | artist, count);
    }

    private static int saturatedAdd(int a, int b) {
        long s = (long) a + b;
        return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    /** PlayMatrix's digest: SHA-256 of (user, artist, plays) int triples in (user, artist) order. */
    private static String digest(JavaPairRDD<Long, Integer> plays) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        Iterator<Tuple2<Long, Integer>> sorted = plays.sortByKey().toLocalIterator();
        while (sorted.hasNext()) {
            Tuple2<Long, Integer> e = sorted.next();
            if (buf.remaining() < 12) {
                sha.update(buf.flip());
                buf.clear();
            }
            buf.putInt((int) (e._1() >>> 32)).putInt((int) (long) e._1()).putInt(e._2());
        }
        sha.update(buf.flip());
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Names by dense index from an artists file (id, name, ...; a header line allowed), "" where none. */
    private static String[] names(JavaSparkContext sc, String artists, int[] ids) {
        String[] names = new String[ids.length];
        Arrays.fill(names, "");
        if (artists == null) {
            return names;
        }
        Broadcast<int[]> known = sc.broadcast(ids);
        List<Tuple2<Integer, String>> found = sc.textFile(artists)
                .filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)) && line.indexOf('\t') > 0)
                .mapToPair(line -> {
                    int tab = line.indexOf('\t');
                    int end = line.indexOf('\t', tab + 1);
                    return new Tuple2<>(Integer.parseInt(line, 0, tab, 10), line.substring(tab + 1, end < 0 ? line.length() : end));
                })
                .filter(e -> Arrays.binarySearch(known.value(), e._1()) >= 0)
                .collect();
        for (Tuple2<Integer, String> e : found) {
            names[Arrays.binarySearch(ids, e._1())] = e._2();
        }
        return names;
    }

    /**
     * Writes the artifact: straight into a local directory (atomically, as the trainer does), or
     * to a local one first and then file by file to a Hadoop file system, the manifest last.
     */
    static void write(Model model, String out, Configuration hadoop) throws IOException {
        URI uri = URI.create(out);
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            ModelArtifact.write(model, uri.getScheme() == null ? Path.of(out) : Path.of(uri));
            return;
        }
        Path local = Files.createTempDirectory("musicrec-model");
        try {
            Path dir = local.resolve("model");
            ModelArtifact.write(model, dir);
            FileSystem fs = FileSystem.get(uri, hadoop);
            String base = out.endsWith("/") ? out : out + "/";
            for (String name : ModelArtifact.FILES) {
                try (InputStream in = Files.newInputStream(dir.resolve(name));
                     OutputStream o = fs.create(new org.apache.hadoop.fs.Path(base + name), true)) {
                    in.transferTo(o);
                }
            }
        } finally {
            AtomicFiles.deleteRecursively(local);
        }
    }

    private static double since(long start) {
        return Math.round((System.nanoTime() - start) / 1e6) / 1e3;
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "model %s, spark regParam %.5f, seconds %s", r.model().id(), r.sparkReg(), r.seconds());
    }
}
