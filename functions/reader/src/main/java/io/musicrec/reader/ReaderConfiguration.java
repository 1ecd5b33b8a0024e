package io.musicrec.reader;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.SecretSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the read function reads from its environment, once per cold start and before anything
 * connects: {@code REDIS_URL} exactly as set (spaces may belong to its password), {@link
 * Environment#functionTimeout} and {@link SecretSettings}; every problem is reported at once ({@link
 * ConfigurationProblems}). {@link ReaderComponents#budget} divides the timeout.
 */
public record ReaderConfiguration(String redisUrl, Duration timeout, SecretSettings secret) {

    /** The read function's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** All parts are required. */
    public ReaderConfiguration {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads every variable.
     *
     * @throws ConfigurationException naming every variable that is missing or malformed
     */
    public static ReaderConfiguration from(Environment environment) {
        ConfigurationProblems problems = new ConfigurationProblems("the read function");
        String redisUrl = problems.read(() -> environment.verbatim(EnvironmentVariables.REDIS_URL)
                .orElseThrow(() -> new ConfigurationException(EnvironmentVariables.REDIS_URL, "is missing")));
        Duration timeout = problems.read(() -> environment.functionTimeout(DEFAULT_TIMEOUT));
        SecretSettings secret = problems.read(() -> SecretSettings.from(environment));
        problems.throwIfAny();
        return new ReaderConfiguration(redisUrl, timeout, secret);
    }

    /** Everything but secrets. */
    @Override
    public String toString() {
        return "ReaderConfiguration[redis=" + redisUrl.replaceAll("//[^@/]*@", "//***@") + ", timeout=" + timeout + "]";
    }
}
