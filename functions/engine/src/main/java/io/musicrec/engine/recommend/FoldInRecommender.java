package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the user into the model ({@link FoldIn}) and ranks every artist by {@code x_u · y_i};
 * {@code because} names up to three played artists that contribute most to each score.
 */
final class FoldInRecommender extends Recommenders {
    static final int MAX_REASONS = 3;

    FoldInRecommender(Model model) {
        super(model, Mode.FOLD_IN);
    }

    /**
     * The exact top {@code best.length} artists by {@code x · y_i}, unplayed, best first (scores into
     * {@code best}). One pass over the one-byte factors gives every artist an interval around its
     * score; only artists whose upper end reaches the N-th best lower end can be in the top N, and
     * only those are scored exactly.
     */
    private int[] exactTop(float[] x, UserHistory history, float[] best) {
        int size = model.size();
        float[] approx = new float[size];
        model.approximateScores(x, approx);
        float l1 = 0;
        for (float v : x) {
            l1 += Math.abs(v);
        }
        TopK lower = new TopK(best.length);
        for (int i = 0; i < size; i++) {
            if (!history.played(i)) {
                lower.offer(i, approx[i] - model.scoreErrorBound(i, l1));
            }
        }
        float threshold = lower.full() ? lower.worstScore() : Float.NEGATIVE_INFINITY;
        TopK exact = new TopK(best.length);
        for (int i = 0; i < size; i++) {
            if (approx[i] + model.scoreErrorBound(i, l1) >= threshold && !history.played(i)) {
                exact.offer(i, (float) model.score(i, x));
            }
        }
        return exact.drainBestFirst(best);
    }

    @Override
    List<Recommendation> recommendFor(UserHistory history, int n) {
        FoldIn fold = FoldIn.of(model, history);
        float[] best = new float[Math.min(n, model.size())];
        int[] items = exactTop(fold.vector(), history, best);
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
