package io.musicrec.trainer.eval;

import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.eval.HoldoutSplit;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a model in every mode on a hold-out and shapes the result for the manifest and the terminal. */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /** Metrics of each mode, in the order given. */
    public static List<Metrics> evaluate(Model model, HoldoutSplit split, int k, int threads, List<Mode> modes) {
        Evaluator evaluator = new Evaluator(k, threads);
        List<Metrics> out = new ArrayList<>();
        for (Mode mode : modes) {
            out.add(evaluator.evaluate(Recommender.of(mode, model), split.train(), split.test(), model.size()));
        }
        return out;
    }

    /** The manifest's {@code evaluation} section: the protocol, then one entry per mode. */
    public static Map<String, Object> evaluateAllModes(Model model, HoldoutSplit split, int k, int threads, double share, long seed) {
        List<Metrics> metrics = evaluate(model, split, k, threads, List.of(Mode.values()));
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("split", "per-user random hold-out");
        protocol.put("test_share", share);
        protocol.put("split_seed", seed);
        protocol.put("k", k);
        protocol.put("ranking", "full catalog, each user's training artists excluded");
        protocol.put("model", "same hyperparameters, trained on the training side of the split only");
        protocol.put("test_users", metrics.isEmpty() ? 0 : metrics.get(0).users());
        return toMap(protocol, metrics);
    }

    public static Map<String, Object> toMap(Map<String, Object> protocol, List<Metrics> metrics) {
        Map<String, Object> modes = new LinkedHashMap<>();
        for (Metrics m : metrics) {
            Map<String, Object> values = new LinkedHashMap<>(m.toMap());
            values.remove("mode");
            modes.put(m.mode(), values);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("protocol", protocol);
        out.put("modes", modes);
        return out;
    }

    /** A short fixed-width table of an evaluation map (as built by {@link #toMap}). */
    @SuppressWarnings("unchecked")
    public static String table(Map<String, Object> evaluation) {
        Map<String, Object> modes = (Map<String, Object>) evaluation.get("modes");
        StringBuilder sb = new StringBuilder();
        Object k = ((Map<String, Object>) evaluation.get("protocol")).get("k");
        sb.append(String.format("%-9s %6s %9s %9s %9s %9s %9s %9s%n", "mode", "users", "prec@" + k, "recall@" + k, "ndcg@" + k,
                "map@" + k, "hit_rate", "coverage"));
        for (Map.Entry<String, Object> e : modes.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            sb.append(String.format("%-9s %6d %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", e.getKey(), (Integer) m.get("users"),
                    d(m.get("precision")), d(m.get("recall")), d(m.get("ndcg")), d(m.get("map")), d(m.get("hit_rate")),
                    d(m.get("coverage"))));
        }
        return sb.toString();
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }
}
