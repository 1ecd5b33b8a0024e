package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.List;

/**
 * What every mode does before its own ranking: check N, read the user's plays against the model,
 * and fall back to the popularity list when none of the user's artists is known to the model.
 */
abstract class AbstractRecommender implements Recommender {
    protected final Model model;
    private final Mode mode;

    AbstractRecommender(Model model, Mode mode) {
        this.model = model;
        this.mode = mode;
    }

    static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    @Override
    public final Mode mode() {
        return mode;
    }

    @Override
    public final List<Recommendation> recommend(List<UserPlay> plays, int n) {
        requirePositive(n);
        UserHistory history = UserHistory.of(plays, model);
        if (history.seeds() == 0) {
            return PopularRecommender.top(model, history, n);
        }
        return recommendFor(history, n);
    }

    /** The mode's list for a user with at least one artist the model knows. */
    abstract List<Recommendation> recommendFor(UserHistory history, int n);
}
