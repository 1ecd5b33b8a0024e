package io.musicrec.worker;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
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
 * Everything the worker reads from its environment, once per cold start and before any client is
 * built; every problem is reported at once ({@link ConfigurationProblems}), so a deployment mistake
 * fails the first invocation naming each variable. {@code redisUrl} may hold a password and is never
 * printed; without Spotify credentials items go out without songs; {@link WorkerComponents.Limits}
 * divides the {@code timeout}.
 */
public record WorkerConfiguration(DatabaseSettings database, String redisUrl, ModelStoreSettings models, Path modelCache,
                                  Duration modelRecheck, RecommenderSettings recommender, SpotifySettings spotify, QueueSettings queue,
                                  List<Duration> unavailableBackoff, Duration timeout, SecretSettings secret) {

    /** The worker's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** All parts are required; the recheck interval is positive. */
    public WorkerConfiguration {
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
     * @throws ConfigurationException naming every variable that is missing or malformed
     */
    public static WorkerConfiguration from(Environment environment) {
        ConfigurationProblems problems = new ConfigurationProblems("the worker");
        DatabaseSettings database = problems.read(() -> DatabaseSettings.from(environment));
        String redisUrl = problems.read(() -> environment.verbatim(EnvironmentVariables.REDIS_URL)
                .filter(url -> !url.isBlank())
                .orElseThrow(() -> new ConfigurationException(EnvironmentVariables.REDIS_URL,
                        "is missing: expected redis://host:6379 or rediss://host:6379")));
        ModelStoreSettings models = problems.read(() -> ModelStoreSettings.from(environment));
        RecommenderSettings recommender = problems.read(() -> RecommenderSettings.from(environment));
        SpotifySettings spotify = problems.read(() -> SpotifySettings.fromEnvironment(environment));
        QueueSettings queue = problems.read(() -> QueueSettings.from(environment));
        Duration timeout = problems.read(() -> environment.functionTimeout(DEFAULT_TIMEOUT));
        SecretSettings secret = problems.read(() -> SecretSettings.from(environment));
        problems.throwIfAny();
        return new WorkerConfiguration(database, redisUrl.strip(), models, S3ModelStore.defaultCacheDirectory(),
                ModelProvider.DEFAULT_RECHECK, recommender, spotify, queue, RecalculationBatch.DEFAULT_UNAVAILABLE_BACKOFF, timeout,
                secret);
    }

    /** Everything but the secrets (the Redis URL may carry a password: only its scheme is shown). */
    @Override
    public String toString() {
        return "WorkerConfiguration[database=" + database + ", redis=" + redisUrl.substring(0, Math.max(0, redisUrl.indexOf("://") + 3))
                + "..., models=s3://" + models.bucket() + "/" + models.prefix() + ", modelCache=" + modelCache
                + ", modelRecheck=" + modelRecheck + ", recommender=" + recommender + ", spotify=" + spotify + ", queue=" + queue.queueUrl()
                + ", unavailableBackoff=" + unavailableBackoff + ", timeout=" + timeout + "]";
    }
}
