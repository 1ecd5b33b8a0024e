package io.musicrec.trainer.retrain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether a candidate may replace the served model, from NDCG@10 on one hold-out. A current model
 * that cannot be loaded is never replaced (an operator must look); the candidate must beat the
 * popularity baseline (else it learnt nothing); and, when the current model is comparable (trained on
 * this split's training side, so it never saw a held-out pair), it must score at least the current's
 * NDCG minus the tolerance. Otherwise (no current model, or one trained on all data, like the shipped
 * one, which would be scored on pairs it learnt from) the baseline rule alone decides.
 */
public final class QualityGate {

    /** The verdict, with a sentence saying why. */
    public record Verdict(boolean publish, String reason) {
    }

    /** What the run found of the current model; {@link #label()} is the report's {@code gate.current}. */
    public enum CurrentModel {
        /** Nothing is published. */
        NONE,
        /** The pointer names a model that cannot be loaded or verified. */
        UNREADABLE,
        /** Loaded, but trained with other split settings: measured, not compared. */
        OTHER_SETTINGS,
        /** Loaded and trained on this split's training side: compared. */
        COMPARABLE;

        /** Lower case, as reported. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private QualityGate() {
    }

    /**
     * The refusal that needs no candidate: a current model that cannot be loaded or verified (rule
     * 1). A run asks before training, so that it does not train for nothing.
     *
     * @param current   what the run found
     * @param currentId the pointer's model id, when there is one
     * @param error     why it could not be loaded, when it could not
     */
    public static Optional<Verdict> refusalBeforeTraining(CurrentModel current, String currentId, String error) {
        if (current != CurrentModel.UNREADABLE) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(false, "current model " + currentId + " is published but cannot be loaded or verified ("
                + error + "); not replacing a model the gate cannot compare with: fix it or roll back to a version that loads"));
    }

    /**
     * @param candidate   the candidate's NDCG
     * @param popular     the popularity baseline's NDCG on the same hold-out
     * @param current     what the run found of the current model
     * @param currentNdcg the current model's NDCG; required when {@code current} is comparable
     * @param tolerance   how far below the current model the candidate may be
     */
    public static Verdict judge(double candidate, double popular, CurrentModel current, OptionalDouble currentNdcg, double tolerance) {
        Objects.requireNonNull(current, "current");
        if (current == CurrentModel.UNREADABLE) {
            return new Verdict(false, "the current model cannot be loaded or verified; not replacing a model the gate cannot compare with");
        }
        if (!(candidate > popular)) {
            return new Verdict(false, String.format(Locale.ROOT,
                    "candidate ndcg@10 %.4f does not beat the popularity baseline %.4f", candidate, popular));
        }
        if (current != CurrentModel.COMPARABLE) {
            return new Verdict(true, String.format(Locale.ROOT, "%s; candidate ndcg@10 %.4f beats the popularity baseline %.4f",
                    current == CurrentModel.NONE ? "no current model" : "current model trained with other settings",
                    candidate, popular));
        }
        if (currentNdcg.isEmpty()) {
            throw new IllegalArgumentException("a comparable current model needs its ndcg");
        }
        double floor = currentNdcg.getAsDouble() - tolerance;
        // Metrics are rounded to 5 decimals in manifests; compare with the same slack.
        if (candidate + 1e-9 >= floor) {
            return new Verdict(true, String.format(Locale.ROOT,
                    "candidate ndcg@10 %.4f >= current %.4f - tolerance %.4f", candidate, currentNdcg.getAsDouble(), tolerance));
        }
        return new Verdict(false, String.format(Locale.ROOT,
                "candidate ndcg@10 %.4f < current %.4f - tolerance %.4f", candidate, currentNdcg.getAsDouble(), tolerance));
    }
}
