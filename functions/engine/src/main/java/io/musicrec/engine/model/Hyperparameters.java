package io.musicrec.engine.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The settings a model was trained with; serving reads regularization and the confidence ones for
 * fold-in, and the neighbour shrinkage for artist similarity.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Hyperparameters(
        int factors,
        double regularization,
        double alpha,
        String weighting,
        double bm25K1,
        double bm25B,
        int iterations,
        long seed,
        int threads,
        String solver,
        int cgSteps,
        double neighbourShrinkage) {

    public Hyperparameters {
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be >= 1, got " + factors);
        }
        if (!(regularization >= 0) || Double.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be >= 0, got " + regularization);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
        Weighting.parse(weighting);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (!(neighbourShrinkage >= 0) || Double.isInfinite(neighbourShrinkage)) {
            throw new IllegalArgumentException("neighbour shrinkage must be >= 0, got " + neighbourShrinkage);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    public Weighting weightingKind() {
        return Weighting.parse(weighting);
    }
}
