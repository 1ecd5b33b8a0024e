package io.musicrec.engine.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a model is: its id, when it was made, from what data and with which settings, and how it
 * scored. Everything in the manifest except the file checksums.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelInfo(
        String modelId,
        Instant createdAt,
        Hyperparameters hyperparameters,
        TrainingData trainingData,
        Map<String, Object> evaluation) {

    public ModelInfo {
        Objects.requireNonNull(modelId, "modelId");
        if (!modelId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("model id must be 1-128 of [A-Za-z0-9._-], got '" + modelId + "'");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(trainingData, "trainingData");
        // Insertion order kept (Map.copyOf would scramble it), so manifests read in a stable order.
        evaluation = evaluation == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evaluation));
    }

    public ModelInfo withEvaluation(Map<String, Object> metrics) {
        return new ModelInfo(modelId, createdAt, hyperparameters, trainingData, metrics);
    }

    /** Where the model's data came from, to tell two models apart and to judge staleness. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TrainingData(String digest, int users, int artists, long nonZeros) {
    }
}
