package io.musicrec.ml;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.RecommenderSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the ML function reads from its environment, read and checked once at a cold start;
 * all problems are reported together, each naming its variable (never a secret's value).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th></th><th>read by</th></tr>
 *   <tr><td>{@code MODEL_BUCKET}, {@code MODEL_KEY}, {@code S3_ENDPOINT}</td><td>bucket required</td><td>{@link ModelStoreSettings}</td></tr>
 *   <tr><td>{@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}</td><td>optional</td><td>{@code AwsSettings}</td></tr>
 *   <tr><td>{@code NUMBER_OF_ARTISTS}, {@code RECOMMENDER_MODE}</td><td>optional</td><td>{@link RecommenderSettings}</td></tr>
 *   <tr><td>{@code FUNCTION_TIMEOUT_SECONDS}</td><td>optional, {@link #DEFAULT_TIMEOUT}</td><td>{@link Environment#functionTimeout}</td></tr>
 * </table>
 *
 * @param models      the model bucket
 * @param recommender default {@code n} and mode of {@code POST /model/recommendations}
 * @param timeout     the function's timeout, which {@link ModelComponents.Limits} divides
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
     * @throws ConfigurationException naming the variable when one is missing or malformed
     * @throws IllegalStateException  listing every problem when there are several
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
