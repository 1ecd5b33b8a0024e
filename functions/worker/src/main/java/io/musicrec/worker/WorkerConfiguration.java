package io.musicrec.worker;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.songs.SpotifySettings;
import io.musicrec.worker.recalculation.RecalculationBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the worker is configured with, read and checked at cold start before any client is
 * built, so a deployment mistake fails the first invocation naming the variable. {@code redisUrl} may
 * hold a password and is never printed; without Spotify credentials items go out without songs;
 * {@link Worker.Limits} divides the {@code timeout}.
 */
record WorkerSettings(DatabaseSettings database, String redisUrl, ModelStoreSettings models, Path modelCache,
                      Duration modelRecheck, RecommenderSettings recommender, SpotifySettings spotify, QueueSettings queue,
                      List<Duration> unavailableBackoff, Duration timeout, SecretSettings secret) {

    /** The worker's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** All parts are required; the recheck interval is positive. */
    WorkerSettings {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(modelCache, "modelCache");
        Objects.requireNonNull(modelRecheck, "modelRecheck");
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(spotify, "spotify");
        Objects.requireNonNull(queue, "queue");
        unavailableBackoff = List.copyOf(unavailableBackoff);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(secret, "secret");
        if (modelRecheck.isNegative() || modelRecheck.isZero()) {
            throw new IllegalArgumentException("modelRecheck must be positive, was " + modelRecheck);
        }
    }

    /**
     * Reads every variable the worker uses.
     *
     * @throws ConfigurationException naming the first variable that is missing or malformed
     */
    static WorkerSettings from(Environment environment) {
        DatabaseSettings database = DatabaseSettings.from(environment);
        String redisUrl = environment.verbatim(EnvironmentVariables.REDIS_URL)
                .filter(url -> !url.isBlank())
                .orElseThrow(() -> new ConfigurationException(EnvironmentVariables.REDIS_URL,
                        "is missing: expected redis://host:6379 or rediss://host:6379"));
        ModelStoreSettings models = ModelStoreSettings.from(environment);
        RecommenderSettings recommender = RecommenderSettings.from(environment);
        SpotifySettings spotify = SpotifySettings.fromEnvironment(environment);
        QueueSettings queue = QueueSettings.from(environment);
        Duration timeout = environment.functionTimeout(DEFAULT_TIMEOUT);
        return new WorkerSettings(database, redisUrl.strip(), models, S3ModelStore.defaultCacheDirectory(),
                ModelProvider.DEFAULT_RECHECK, recommender, spotify, queue, RecalculationBatch.DEFAULT_UNAVAILABLE_BACKOFF, timeout,
                SecretSettings.from(environment));
    }

    /** Everything but the secrets (the Redis URL may carry a password: only its scheme is shown). */
    @Override
    public String toString() {
        return "WorkerSettings[database=" + database + ", redis=" + redisUrl.substring(0, Math.max(0, redisUrl.indexOf("://") + 3))
                + "..., models=s3://" + models.bucket() + "/" + models.prefix() + ", modelCache=" + modelCache
                + ", modelRecheck=" + modelRecheck + ", recommender=" + recommender + ", spotify=" + spotify + ", queue=" + queue.queueUrl()
                + ", unavailableBackoff=" + unavailableBackoff + ", timeout=" + timeout + "]";
    }
}
