package io.musicrec.local.stack.gateway;

/** Runs the trainer once, now, for {@code POST /local/retrain}. */
@FunctionalInterface
public interface RetrainHook {

    /**
     * What one run did.
     *
     * @param failed  true when the run failed (the model pointer stays where it was)
     * @param summary the run's one-line JSON summary
     */
    record Outcome(boolean failed, String summary) {
    }

    /** Runs once and waits for the end; a run already going is the implementation's to refuse. */
    Outcome retrain();
}
