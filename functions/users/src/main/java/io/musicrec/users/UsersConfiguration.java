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
 * Everything the users function reads from its environment, read and checked once at a cold
 * start; all problems are reported together, each naming its variable (never a secret's value).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th></th><th>read by</th></tr>
 *   <tr><td>{@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}</td><td>URL required</td><td>{@link DatabaseSettings}</td></tr>
 *   <tr><td>{@code REDIS_URL}</td><td>required</td><td>{@code RedisConnection}</td></tr>
 *   <tr><td>{@code SPOTIFY_CLIENT_ID}, {@code SPOTIFY_CLIENT_SECRET}, {@code SPOTIFY_API_URL}, {@code SPOTIFY_ACCOUNTS_URL}</td><td>optional</td><td>{@link SpotifySettings}</td></tr>
 *   <tr><td>{@code FUNCTION_TIMEOUT_SECONDS}</td><td>optional, {@link #DEFAULT_TIMEOUT}</td><td>{@link Environment#functionTimeout}</td></tr>
 *   <tr><td>{@code SECRET_ARN}, {@code SECRETS_MANAGER_ENDPOINT}</td><td>optional (password, Redis token, Spotify credentials)</td><td>{@link SecretSettings}</td></tr>
 * </table>
 *
 * @param database PostgreSQL: users, the catalog's popularity
 * @param redisUrl Redis ({@code redis://} or {@code rediss://}); may hold a password, never printed
 * @param spotify  Spotify, for the suggestions' songs
 * @param timeout  the function's timeout, which {@link UsersComponents.Limits} divides
 * @param secret   the secret with the password, the Redis token and Spotify's credentials, when there is one
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
     * @throws ConfigurationException naming the variable when one is missing or malformed
     * @throws IllegalStateException  listing every problem when there are several
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
