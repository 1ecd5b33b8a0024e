package io.musicrec.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.HoldoutSplit;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Weighting;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.als.AlsTrainer;
import io.musicrec.trainer.eval.ModelEvaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tune}: a grid search that never sees the test split. The plays are split into train and
 * test exactly as {@code split} would (same share and seed); the test side is set aside, the train
 * side is split again into fit and validation, and every grid point is trained on fit and scored on
 * validation. Prints one row per point and the best by the chosen mode's NDCG among points where that
 * mode covers at least as much of the catalog as plain fold-in; JSON records the grid.
 */
final class TuneCommand extends Command {
    private static final Set<String> OPTIONS = Set.of("plays", "test-share", "split-seed", "validation-share",
            "validation-seed", "factors", "regularization", "alpha", "weighting", "neighbour-shrinkage", "iterations", "seed",
            "threads", "k", "select", "json", "bm25-k1", "bm25-b");

    TuneCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("tune", argv, 1, OPTIONS);
        PlayMatrix plays = PlaysTsv.read(args.path("plays"));
        double testShare = args.decimal("test-share", 0.2, 1e-9, 0.9);
        long splitSeed = args.longValue("split-seed", 1);
        double validationShare = args.decimal("validation-share", 0.2, 1e-9, 0.9);
        long validationSeed = args.longValue("validation-seed", 2);
        int k = args.integer("k", 10, 1, 1000);
        Mode select = Mode.parse(args.string("select", "hybrid"));
        AlsOptions base = TrainCommand.options(args.without(Set.of("factors", "regularization", "alpha", "weighting",
                "neighbour-shrinkage", "bm25-k1", "bm25-b", "iterations")));

        HoldoutSplit outer = HoldoutSplit.of(plays, testShare, splitSeed);
        HoldoutSplit inner = HoldoutSplit.of(outer.train(), validationShare, validationSeed);
        err.printf("tuning on %,d fit plays, validating on %,d (the %,d test plays are not used)%n",
                inner.train().nonZeros(), inner.test().nonZeros(), outer.test().nonZeros());

        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> best = null;
        double bestScore = -1;
        out.printf("%-7s %-6s %-7s %-20s %-6s %8s %8s %8s %8s %8s %8s %8s%n", "factors", "reg", "alpha", "weight/k1/b/it",
                "shrink", "quota", "hybrid", "fold-in", "popular", "p@" + k, "cov/hyb", "cov/fold");
        for (AlsOptions o : grid(args, base)) {
            AlsTrainer.Result result = new AlsTrainer(o, Clock.systemUTC()).train(inner.train(), Map.of(), "tune", null);
            List<Metrics> plain = ModelEvaluation.evaluate(result.model(), inner, k, o.threads(), List.of(Mode.FOLD_IN, Mode.POPULAR));
            Metrics foldIn = plain.get(0);
            for (String sh : list(args, "neighbour-shrinkage", String.valueOf(base.neighbourShrinkage()))) {
                double shrink = parseDouble(sh);
                var model = AlsTrainer.withNeighbours(result.model(), o.neighbours(), shrink, o.threads());
                List<Metrics> metrics = new ArrayList<>(ModelEvaluation.evaluate(model, inner, k, o.threads(),
                        List.of(Mode.QUOTA, Mode.HYBRID)));
                metrics.addAll(plain);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("hyperparameters", model.info().hyperparameters());
                Map<String, Object> byMode = new LinkedHashMap<>();
                Metrics chosen = null;
                for (Metrics m : metrics) {
                    byMode.put(m.mode(), m.toMap());
                    if (m.mode().equals(select.label())) {
                        chosen = m;
                    }
                }
                row.put("validation", byMode);
                rows.add(row);
                String weighting = o.weighting().label() + (o.weighting() == Weighting.BM25 ? "/" + o.bm25K1() + "/" + o.bm25B() : "")
                        + "/" + o.iterations();
                out.printf("%-7d %-6s %-7s %-20s %-6s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f%n", o.factors(), o.regularization(),
                        o.alpha(), weighting, sh, metrics.get(0).ndcg(), metrics.get(1).ndcg(), foldIn.ndcg(), plain.get(1).ndcg(),
                        foldIn.precision(), metrics.get(1).coverage(), foldIn.coverage());
                // Accuracy, but not bought by narrowing the list below what plain fold-in covers.
                boolean diverseEnough = chosen.coverage() >= foldIn.coverage();
                if (diverseEnough && chosen.ndcg() > bestScore) {
                    bestScore = chosen.ndcg();
                    best = row;
                }
            }
        }
        out.printf("best by %s ndcg@%d on validation, with coverage at least fold-in's: %s%n", select, k, best == null ? "none" : best.get("hyperparameters"));
        if (args.has("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            Map<String, Object> protocol = new LinkedHashMap<>();
            protocol.put("test_share", testShare);
            protocol.put("split_seed", splitSeed);
            protocol.put("validation_share", validationShare);
            protocol.put("validation_seed", validationSeed);
            protocol.put("k", k);
            protocol.put("selected_by", select.label() + " ndcg@" + k + " among points whose " + select.label() + " coverage is at least fold-in's");
            doc.put("protocol", protocol);
            doc.put("grid", rows);
            doc.put("best", best);
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc);
            AtomicFiles.write(args.path("json"), tmp -> Files.write(tmp, json));
        }
        return 0;
    }

    /** Every combination of the list-valued training options. */
    private static List<AlsOptions> grid(Args args, AlsOptions base) {
        List<AlsOptions> points = new ArrayList<>();
        for (String f : list(args, "factors", String.valueOf(base.factors()))) {
            for (String r : list(args, "regularization", String.valueOf(base.regularization()))) {
                for (String a : list(args, "alpha", String.valueOf(base.alpha()))) {
                    for (String w : list(args, "weighting", base.weighting().label())) {
                        for (String k1 : list(args, "bm25-k1", String.valueOf(base.bm25K1()))) {
                            for (String b : list(args, "bm25-b", String.valueOf(base.bm25B()))) {
                                for (String it : list(args, "iterations", String.valueOf(base.iterations()))) {
                                    points.add(base.withFactors(parseInt(f)).withRegularization(parseDouble(r))
                                            .withAlpha(parseDouble(a)).withWeighting(Weighting.parse(w))
                                            .withBm25(parseDouble(k1), parseDouble(b)).withIterations(parseInt(it)));
                                }
                            }
                        }
                    }
                }
            }
        }
        return points;
    }

    private static List<String> list(Args args, String name, String fallback) {
        List<String> out = new ArrayList<>();
        for (String s : args.string(name, fallback).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("tune: --" + name + " needs at least one value");
        }
        return out;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageException("tune: '" + s + "' is not an integer");
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UsageException("tune: '" + s + "' is not a number");
        }
    }
}
