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
 * Everything the API function reads from its environment, read and checked once at a cold start.
 * Every variable is checked before anything connects, and all problems are reported together, each
 * naming its variable (never a secret's value), so one failed deployment shows every fix needed.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th></th><th>read by</th></tr>
 *   <tr><td>{@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}</td><td>URL required</td><td>{@link DatabaseSettings}</td></tr>
 *   <tr><td>{@code SECRET_ARN}, {@code SECRETS_MANAGER_ENDPOINT}</td><td>optional (the password's secret)</td><td>{@link SecretSettings}</td></tr>
 *   <tr><td>{@code QUEUE_URL}, {@code SQS_ENDPOINT}</td><td>URL required</td><td>{@link QueueSettings}</td></tr>
 *   <tr><td>{@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}</td><td>optional</td><td>{@code AwsSettings}</td></tr>
 *   <tr><td>{@code FUNCTION_TIMEOUT_SECONDS}</td><td>optional, {@link #DEFAULT_TIMEOUT}</td><td>{@link Environment#functionTimeout}</td></tr>
 * </table>
 *
 * @param database PostgreSQL: plays, the outbox, the catalog
 * @param queue    the recalculation queue the outbox relay sends to
 * @param timeout  the function's timeout, which {@link ApiComponents#limits} divides among the clients
 * @param secret   the secret with the database password, when there is one
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
     * @throws ConfigurationException naming the variable when one is missing or malformed
     * @throws IllegalStateException  listing every problem when there are several
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
