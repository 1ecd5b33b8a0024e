package io.musicrec.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.eval.HoldoutSplit;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.Weighting;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.als.AlsTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trainer's side of the Spark MLlib comparison: the same split, rank, iterations,
 * regularization, alpha and weighting as {@code bench/spark-als.sh}, timed the same way (the
 * marginal seconds of iterations 2..N, so start-up and the first, JIT-cold iteration are out), and
 * scored the same way (the trained user factors ranking every training artist), plus fold-in.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/jmh/target/musicrec-jmh.jar \
 *   io.musicrec.bench.jmh.TrainerAlsBench --plays FILE [--rank 64 --iterations 15 --reg 0.05
 *   --alpha 1 --weighting log1p --threads 2 --repeats 5 --split-seed 1 --test-share 0.2 --out FILE]</pre>
 */
public final class TrainerAlsBench {
    private TrainerAlsBench() {
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("options look like --name value: " + argv[i]);
            }
            a.put(argv[i].substring(2), argv[i + 1]);
        }
        Path plays = Path.of(required(a, "plays"));
        int rank = Integer.parseInt(a.getOrDefault("rank", "64"));
        int iterations = Integer.parseInt(a.getOrDefault("iterations", "15"));
        int repeats = Integer.parseInt(a.getOrDefault("repeats", "3"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        AlsOptions options = AlsOptions.defaults().withFactors(rank).withIterations(iterations)
                .withRegularization(Double.parseDouble(a.getOrDefault("reg", "0.05")))
                .withAlpha(Double.parseDouble(a.getOrDefault("alpha", "1.0")))
                .withWeighting(Weighting.parse(a.getOrDefault("weighting", "raw")))
                .withBm25(Double.parseDouble(a.getOrDefault("bm25-k1", "100")), Double.parseDouble(a.getOrDefault("bm25-b", "0.8")))
                .withThreads(threads).withNeighbours(0);

        PlayMatrix all = PlaysTsv.read(plays);
        HoldoutSplit split = HoldoutSplit.of(all, Double.parseDouble(a.getOrDefault("test-share", "0.2")),
                Long.parseLong(a.getOrDefault("split-seed", "1")));
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        AlsTrainer.Result last = null;
        for (int r = 0; r < repeats; r++) {
            List<AlsTrainer.Iteration> its = new ArrayList<>();
            last = new AlsTrainer(options, Clock.systemUTC()).train(split.train(), Map.of(), "bench", its::add);
            for (int i = 1; i < its.size(); i++) {
                wall[r] += its.get(i).seconds() / (its.size() - 1);
                cpu[r] += its.get(i).cpuSeconds() / (its.size() - 1);
            }
            System.err.printf("repeat %d: %.4f s/iteration (cpu %.4f s) over iterations 2..%d%n", r + 1, wall[r], cpu[r], its.size());
        }
        Model model = last.model();
        int k = Integer.parseInt(a.getOrDefault("k", "10"));
        Evaluator evaluator = new Evaluator(k, threads);
        Metrics userFactors = evaluator.evaluate("user-factors", factorRanker(model, last.userFactors(), split.train()),
                split.train(), split.test(), model.size());
        Metrics foldIn = evaluator.evaluate(Recommender.of(Mode.FOLD_IN, model), split.train(), split.test(), model.size());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", "musicrec AlsTrainer (" + new AlsTrainer(options, Clock.systemUTC()).kernels() + ")");
        out.put("options", options.toHyperparameters());
        out.put("seconds_per_iteration", summary(wall));
        out.put("cpu_seconds_per_iteration", summary(cpu));
        out.put("metrics_user_factors", userFactors.toMap());
        out.put("metrics_fold_in", foldIn.toMap());
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
        System.out.println(json);
        if (a.containsKey("out")) {
            Files.writeString(Path.of(a.get("out")), json);
        }
    }

    private static Map<String, Double> summary(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("min", v[0]);
        m.put("median", v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
        m.put("max", v[v.length - 1]);
        return m;
    }

    /** Ranks every artist by the trained user vector, as Spark's side does with its own factors. */
    private static Evaluator.Ranker factorRanker(Model model, float[] userFactors, PlayMatrix train) {
        int factors = model.factors();
        return (userId, trainPlays, k) -> {
            int row = train.rowOf(userId);
            float[] x = Arrays.copyOfRange(userFactors, row * factors, (row + 1) * factors);
            Set<Integer> played = new HashSet<>();
            for (UserPlay p : trainPlays) {
                played.add(p.artistId());
            }
            Integer[] order = new Integer[model.size()];
            float[] score = new float[model.size()];
            model.scoreAll(x, score);
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> score[p] != score[q] ? Float.compare(score[q], score[p]) : Integer.compare(p, q));
            int[] top = new int[k];
            int t = 0;
            for (int i = 0; i < order.length && t < k; i++) {
                int id = model.artists().id(order[i]);
                if (!played.contains(id)) {
                    top[t++] = id;
                }
            }
            return Arrays.copyOf(top, t);
        };
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing required option --" + name);
        }
        return v;
    }
}
