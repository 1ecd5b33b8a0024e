package io.musicrec.trainer.retrain;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Whether a candidate may replace the served model, from NDCG@10 on one hold-out:
 *
 * <ol>
 *   <li>it must beat the popularity baseline (most-listened artists, counted on the training side):
 *       a model that does not has learnt nothing (shuffled or broken data);
 *   <li>and, when the current model is comparable (it was trained on the training side of this
 *       same split, so it has never seen a held-out pair), it must score at least the current
 *       model's NDCG minus the tolerance.
 * </ol>
 *
 * With no current model, or one that is not comparable (say the shipped model, trained on all of
 * Last.fm 2K: on this hold-out it would be scored on pairs it learnt from, an unfair advantage),
 * the first rule alone decides.
 */
public final class QualityGate {

    /** The verdict, with a sentence saying why. */
    public record Verdict(boolean publish, String reason) {
    }

    private QualityGate() {
    }

    /**
     * @param candidate the candidate's NDCG
     * @param popular   the popularity baseline's NDCG on the same hold-out
     * @param current   the current model's NDCG when comparable, else empty
     * @param tolerance how far below {@code current} the candidate may be
     */
    public static Verdict judge(double candidate, double popular, OptionalDouble current, double tolerance) {
        if (!(candidate > popular)) {
            return new Verdict(false, String.format(Locale.ROOT,
                    "candidate ndcg@10 %.4f does not beat the popularity baseline %.4f", candidate, popular));
        }
        if (current.isEmpty()) {
            return new Verdict(true, String.format(Locale.ROOT,
                    "no comparable current model; candidate ndcg@10 %.4f beats the popularity baseline %.4f", candidate, popular));
        }
        double floor = current.getAsDouble() - tolerance;
        // Metrics are rounded to 5 decimals in manifests; compare with the same slack.
        if (candidate + 1e-9 >= floor) {
            return new Verdict(true, String.format(Locale.ROOT,
                    "candidate ndcg@10 %.4f >= current %.4f - tolerance %.4f", candidate, current.getAsDouble(), tolerance));
        }
        return new Verdict(false, String.format(Locale.ROOT,
                "candidate ndcg@10 %.4f < current %.4f - tolerance %.4f", candidate, current.getAsDouble(), tolerance));
    }
}
