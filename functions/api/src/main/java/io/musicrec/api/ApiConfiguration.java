package io.musicrec.api;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.config.SecretSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the API function reads from its environment, once per cold start and before anything
 * connects, through {@link DatabaseSettings}, {@link QueueSettings}, {@link SecretSettings} and {@link
 * Environment#functionTimeout}; every problem is reported at once ({@link ConfigurationProblems}).
 * {@link ApiComponents.Limits} divides the timeout among the clients.
 */
public record ApiConfiguration(DatabaseSettings database, QueueSettings queue, Duration timeout, SecretSettings secret) {

    /** The API function's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** All parts are required. */
    public ApiConfiguration {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads every variable.
     *
     * @throws ConfigurationException naming every variable that is missing or malformed
     */
    public static ApiConfiguration from(Environment environment) {
        ConfigurationProblems problems = new ConfigurationProblems("the API function");
        DatabaseSettings database = problems.read(() -> DatabaseSettings.from(environment));
        QueueSettings queue = problems.read(() -> QueueSettings.from(environment));
        Duration timeout = problems.read(() -> environment.functionTimeout(DEFAULT_TIMEOUT));
        SecretSettings secret = problems.read(() -> SecretSettings.from(environment));
        problems.throwIfAny();
        return new ApiConfiguration(database, queue, timeout, secret);
    }
}
