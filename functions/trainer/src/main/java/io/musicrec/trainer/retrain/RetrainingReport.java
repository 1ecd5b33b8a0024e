package io.musicrec.trainer.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one retraining run did, and the one-line JSON summary it logs: the decision and a one-sentence
 * reason (the gate's rule with its figures, or what failed), the candidate, the model served after the
 * run as far as it knows, and everything else in {@code summary}, in the order logged.
 */
public record RetrainingReport(Decision decision, String reason, Optional<String> candidateModel, Optional<String> servedModel,
                               Map<String, Object> summary) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcomes of a run. */
    public enum Decision {
        /** The candidate passed the gate and the pointer now names it. */
        PUBLISHED,
        /** The candidate did not pass the gate, or the pointer moved meanwhile: nothing was changed. */
        REFUSED,
        /** Nothing to do: another run holds the lock, or data and settings are unchanged since the current model. */
        SKIPPED,
        /** Something broke (database, store, training); the pointer was left where it was. */
        FAILED;

        /** Lower case, as logged. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** All parts are required; the summary's order is kept. */
    public RetrainingReport {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(candidateModel, "candidateModel");
        Objects.requireNonNull(servedModel, "servedModel");
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    /** The summary as one line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the summary holds only strings, numbers, booleans, lists and maps", e);
        }
    }
}
