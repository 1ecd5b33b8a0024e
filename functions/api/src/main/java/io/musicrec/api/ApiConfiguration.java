package io.musicrec.api;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.songs.SpotifySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the API function reads from its environment, read and checked once at a cold start.
 * Every variable is checked before anything connects, and all problems are reported together, each
 * naming its variable (never a secret's value), so one failed deployment shows every fix needed.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th></th><th>read by</th></tr>
 *   <tr><td>{@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}</td><td>URL required</td><td>{@link DatabaseSettings}</td></tr>
 *   <tr><td>{@code REDIS_URL}</td><td>required</td><td>{@code RedisConnection}</td></tr>
 *   <tr><td>{@code QUEUE_URL}, {@code SQS_ENDPOINT}</td><td>URL required</td><td>{@link QueueSettings}</td></tr>
 *   <tr><td>{@code MODEL_BUCKET}, {@code MODEL_KEY}, {@code S3_ENDPOINT}</td><td>bucket required</td><td>{@link ModelStoreSettings}</td></tr>
 *   <tr><td>{@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}</td><td>optional</td><td>{@code AwsSettings}</td></tr>
 *   <tr><td>{@code NUMBER_OF_ARTISTS}, {@code RECOMMENDER_MODE}</td><td>optional</td><td>{@link RecommenderSettings}</td></tr>
 *   <tr><td>{@code SPOTIFY_CLIENT_ID}, {@code SPOTIFY_CLIENT_SECRET}, {@code SPOTIFY_API_URL}, {@code SPOTIFY_ACCOUNTS_URL}</td><td>optional</td><td>{@link SpotifySettings}</td></tr>
 * </table>
 *
 * @param database    PostgreSQL
 * @param redisUrl    Redis ({@code redis://} or {@code rediss://}); may hold a password, never printed
 * @param queue       the recalculation queue
 * @param models      the model bucket
 * @param recommender default {@code n} and mode of {@code POST /model/recommendations}
 * @param spotify     Spotify, for the suggestions' songs
 */
public record ApiConfiguration(DatabaseSettings database, String redisUrl, QueueSettings queue, ModelStoreSettings models,
                               RecommenderSettings recommender, SpotifySettings spotify) {

    /** All parts are required. */
    public ApiConfiguration {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(spotify, "spotify");
    }

    /**
     * Reads every variable.
     *
     * @throws ConfigurationException naming the variable when one is missing or malformed
     * @throws IllegalStateException  listing every problem when there are several
     */
    public static ApiConfiguration from(Environment environment) {
        List<ConfigurationException> problems = new ArrayList<>();
        DatabaseSettings database = read(problems, () -> DatabaseSettings.from(environment));
        String redisUrl = read(problems, () -> environment.required(EnvironmentVariables.REDIS_URL));
        QueueSettings queue = read(problems, () -> QueueSettings.from(environment));
        ModelStoreSettings models = read(problems, () -> ModelStoreSettings.from(environment));
        RecommenderSettings recommender = read(problems, () -> RecommenderSettings.from(environment));
        SpotifySettings spotify = read(problems, () -> SpotifySettings.fromEnvironment(environment));
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            IllegalStateException all = new IllegalStateException("the API function's configuration has " + problems.size()
                    + " problems: " + String.join("; ", problems.stream().map(Throwable::getMessage).toList()));
            problems.forEach(all::addSuppressed);
            throw all;
        }
        return new ApiConfiguration(database, redisUrl, queue, models, recommender, spotify);
    }

    private static <T> T read(List<ConfigurationException> problems, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigurationException e) {
            problems.add(e);
            return null;
        }
    }

    /** Everything but secrets. */
    @Override
    public String toString() {
        return "ApiConfiguration[database=" + database + ", redis=" + redisUrl.replaceAll("//[^@/]*@", "//***@") + ", queue=" + queue
                + ", models=" + models + ", recommender=" + recommender + ", spotify=" + spotify + "]";
    }
}
