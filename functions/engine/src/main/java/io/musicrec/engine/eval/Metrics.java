package io.musicrec.engine.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ranking quality at K, averaged over the users evaluated. Precision divides hits by K, recall by
 * the user's held-out count; NDCG uses binary relevance with the ideal ranking of
 * {@code min(K, held-out)} hits; MAP averages precision at each hit over {@code min(K, held-out)};
 * hit rate is the share of users with at least one hit; coverage is the share of the catalog that
 * appears in anybody's top K.
 */
public record Metrics(String mode, int k, int users, double precision, double recall, double ndcg,
                      double map, double hitRate, double coverage) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("k", k);
        m.put("users", users);
        m.put("precision", round(precision));
        m.put("recall", round(recall));
        m.put("ndcg", round(ndcg));
        m.put("map", round(map));
        m.put("hit_rate", round(hitRate));
        m.put("coverage", round(coverage));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }
}
