package io.musicrec.users;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.songs.SpotifySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the users function reads from its environment, once per cold start, through {@link
 * DatabaseSettings}, {@code REDIS_URL} (required; may hold a password, never printed), {@link
 * SpotifySettings}, {@link SecretSettings} and {@link Environment#functionTimeout}; every problem is
 * reported at once ({@link ConfigurationProblems}). {@link UsersComponents.Limits} divides the timeout.
 */
public record UsersConfiguration(DatabaseSettings database, String redisUrl, SpotifySettings spotify, Duration timeout,
                                 SecretSettings secret) {

    /** The users function's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** All parts are required. */
    public UsersConfiguration {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(spotify, "spotify");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads every variable.
     *
     * @throws ConfigurationException naming every variable that is missing or malformed
     */
    public static UsersConfiguration from(Environment environment) {
        ConfigurationProblems problems = new ConfigurationProblems("the users function");
        DatabaseSettings database = problems.read(() -> DatabaseSettings.from(environment));
        String redisUrl = problems.read(() -> environment.required(EnvironmentVariables.REDIS_URL));
        SpotifySettings spotify = problems.read(() -> SpotifySettings.fromEnvironment(environment));
        Duration timeout = problems.read(() -> environment.functionTimeout(DEFAULT_TIMEOUT));
        SecretSettings secret = problems.read(() -> SecretSettings.from(environment));
        problems.throwIfAny();
        return new UsersConfiguration(database, redisUrl, spotify, timeout, secret);
    }


    /** Everything but secrets. */
    @Override
    public String toString() {
        return "UsersConfiguration[database=" + database + ", redis=" + redisUrl.replaceAll("//[^@/]*@", "//***@")
                + ", spotify=" + spotify + ", timeout=" + timeout + "]";
    }
}
