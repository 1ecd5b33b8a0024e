package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.List;

/**
 * Turns a user's plays into up to {@code n} artists they have not played. Implementations are
 * stateless and safe to share between threads.
 */
public interface Recommender {

    /**
     * @param plays the user's play counts, one entry per artist (repeats are summed, zero counts ignored)
     * @param n how many artists to return; fewer come back only when the catalog runs out
     * @throws IllegalArgumentException when {@code n < 1}
     */
    List<Recommendation> recommend(List<UserPlay> plays, int n);

    Mode mode();

    /** The recommender for {@code mode} over {@code model}. */
    static Recommender of(Mode mode, Model model) {
        switch (mode) {
            case QUOTA:
                return new QuotaRecommender(model);
            case HYBRID:
                return new HybridRecommender(model);
            case FOLD_IN:
                return new FoldInRecommender(model);
            case POPULAR:
                return new PopularRecommender(model);
            default:
                throw new AssertionError(mode);
        }
    }
}
