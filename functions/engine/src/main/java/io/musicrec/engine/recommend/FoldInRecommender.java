package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the user into the model ({@link FoldIn}) and ranks every artist by {@code x_u · y_i};
 * {@code because} names up to three played artists that contribute most to each score.
 */
final class FoldInRecommender implements Recommender {
    static final int MAX_REASONS = 3;

    private final Model model;

    FoldInRecommender(Model model) {
        this.model = model;
    }

    @Override
    public Mode mode() {
        return Mode.FOLD_IN;
    }

    @Override
    public List<Recommendation> recommend(List<UserPlay> plays, int n) {
        Recommenders.requirePositive(n);
        UserHistory history = UserHistory.of(plays, model);
        if (history.seeds() == 0) {
            return PopularRecommender.top(model, history, n);
        }
        FoldIn fold = FoldIn.of(model, history);
        float[] scores = new float[model.size()];
        model.scoreAll(fold.vector(), scores);
        TopK top = new TopK(Math.min(n, model.size()));
        for (int i = 0; i < scores.length; i++) {
            if (!history.played(i)) {
                top.offer(i, scores[i]);
            }
        }
        float[] best = new float[Math.min(n, model.size())];
        int[] items = top.drainBestFirst(best);
        List<Recommendation> out = new ArrayList<>(items.length);
        for (int r = 0; r < items.length; r++) {
            int[] reasons = fold.explain(items[r], MAX_REASONS);
            List<Integer> because = new ArrayList<>(reasons.length);
            for (int id : reasons) {
                because.add(id);
            }
            out.add(new Recommendation(model.artists().id(items[r]), best[r], because));
        }
        return out;
    }
}
