package io.musicrec.engine.recommend;

import io.musicrec.engine.internal.QuantizedFactors;
import io.musicrec.engine.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the user into the model ({@link FoldIn}) and ranks every artist by {@code x_u · y_i};
 * {@code because} names up to three played artists that contribute most to each score.
 */
final class FoldInRecommender extends AbstractRecommender {
    static final int MAX_REASONS = 3;
    /** A per-thread buffer for one block's approximate scores. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[QuantizedFactors.BLOCK]);

    FoldInRecommender(Model model) {
        super(model, Mode.FOLD_IN);
    }

    /**
     * The exact top {@code best.length} artists by {@code x · y_i}, unplayed, best first (scores into
     * {@code best}). The one-byte factors give every artist an interval around its score; only
     * artists whose upper end reaches the N-th best lower end can be in the top N, and only those
     * are scored exactly. Blocks come in descending norm, and the scan stops at the first block
     * whose Cauchy-Schwarz bound {@code |x| max|y|} is below the N-th best lower end: nothing in it,
     * or after it, can make the list.
     */
    private int[] exactTop(float[] x, UserHistory history, float[] best) {
        QuantizedFactors quantized = model.quantized();
        float[] approx = SCRATCH.get();
        float l1 = 0;
        double l2 = 0;
        for (float v : x) {
            l1 += Math.abs(v);
            l2 += (double) v * v;
        }
        float norm = (float) (Math.sqrt(l2) * (1 + 1e-5));
        TopK lower = new TopK(best.length);
        int[] candidates = new int[Math.max(16, 4 * best.length)];
        float[] upperOf = new float[candidates.length];
        int count = 0;
        for (int b = 0; b < quantized.blocks(); b++) {
            if (lower.full() && norm * quantized.maxNorm(b) < lower.worstScore()) {
                break;
            }
            quantized.approximate(b, x, approx);
            int first = b * QuantizedFactors.BLOCK;
            int end = quantized.blockEnd(b);
            for (int pos = first; pos < end; pos++) {
                // The N-th best lower bound only rises, so an artist whose upper bound misses it
                // now misses it at the end too.
                float bound = quantized.errorBound(pos, l1);
                float upper = approx[pos - first] + bound;
                if (lower.full() && upper < lower.worstScore()) {
                    continue;
                }
                int i = quantized.artist(pos);
                if (history.played(i)) {
                    continue;
                }
                lower.offer(i, approx[pos - first] - bound);
                if (count == candidates.length) {
                    candidates = java.util.Arrays.copyOf(candidates, count * 2);
                    upperOf = java.util.Arrays.copyOf(upperOf, count * 2);
                }
                candidates[count] = i;
                upperOf[count] = upper;
                count++;
            }
        }
        float threshold = lower.full() ? lower.worstScore() : Float.NEGATIVE_INFINITY;
        TopK exact = new TopK(best.length);
        for (int c = 0; c < count; c++) {
            if (upperOf[c] >= threshold) {
                exact.offer(candidates[c], (float) model.score(candidates[c], x));
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
