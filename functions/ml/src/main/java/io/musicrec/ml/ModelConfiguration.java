package io.musicrec.ml;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.RecommenderSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the ML function reads from its environment, once per cold start, through {@link
 * ModelStoreSettings}, {@link RecommenderSettings} (the default {@code n} and mode of {@code POST
 * /model/recommendations}) and {@link Environment#functionTimeout}; every problem is reported at once
 * ({@link ConfigurationProblems}). {@link ModelComponents.Limits} divides the timeout.
 */
public record ModelConfiguration(ModelStoreSettings models, RecommenderSettings recommender, Duration timeout) {

    /** The ML function's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /** All parts are required. */
    public ModelConfiguration {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Reads every variable.
     *
     * @throws ConfigurationException naming every variable that is missing or malformed
     */
    public static ModelConfiguration from(Environment environment) {
        ConfigurationProblems problems = new ConfigurationProblems("the ML function");
        ModelStoreSettings models = problems.read(() -> ModelStoreSettings.from(environment));
        RecommenderSettings recommender = problems.read(() -> RecommenderSettings.from(environment));
        Duration timeout = problems.read(() -> environment.functionTimeout(DEFAULT_TIMEOUT));
        problems.throwIfAny();
        return new ModelConfiguration(models, recommender, timeout);
    }
}
