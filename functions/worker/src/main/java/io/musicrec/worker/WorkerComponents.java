package io.musicrec.worker;

import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.budget.TimeBudget;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.queue.SqsRedelivery;
import io.musicrec.platform.secrets.SecretRedisToken;
import io.musicrec.platform.secrets.Secrets;
import io.musicrec.platform.songs.RedisSongCache;
import io.musicrec.platform.songs.SongEnricher;
import io.musicrec.platform.songs.SpotifyTrackLookup;
import io.musicrec.worker.recalculation.Recalculation;
import io.musicrec.worker.recalculation.RecalculationBatch;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The worker's clients and domain objects, built once per cold start. The model is loaded here
 * already, in Lambda's init phase (full CPU); if that fails each batch tries again, and meanwhile
 * messages come back after a growing back-off rather than reaching the dead-letter queue within
 * minutes ({@link RecalculationBatch}). Lambda never closes it; tests and the local stack do.
 */
public final class WorkerComponents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerComponents.class);

    /**
     * One message's time budget (the calls in order, in {@link #of}) and the client bounds taken from it.
     * The batch starts a message only while its worst case is left ({@link #reserve()}).
     */
    record Limits(TimeBudget budget, Duration database, Duration redis, Duration songs, Duration firstLoadWait, AwsClients.Limits s3,
                  AwsClients.Limits sqs) {

        static Limits of(Duration timeout) {
            TimeBudget budget = TimeBudget.of("the worker", timeout);
            Duration database = budget.share(0.08);
            Duration firstLoad = budget.share(0.15);
            Duration redis = budget.share(1.0 / 30);
            Duration songs = budget.share(1.0 / 6);
            return new Limits(budget.spend("the plays", 1, database).spend("waiting for the first model", 1, firstLoad)
                    .spend("the names", 1, database).spend("the song cache", 1, redis).spend("Spotify", 1, songs)
                    .spend("the document", 1, redis)
                    .spend("putting off what an outage failed", 1, AwsClients.SQS_DEFAULT_LIMITS.call()),
                    database, redis, songs, firstLoad, AwsClients.Limits.within(firstLoad, 3), AwsClients.SQS_DEFAULT_LIMITS);
        }

        /** What must be left to start another message: one message at its worst, and answering. */
        Duration reserve() {
            return budget.worstCase();
        }
    }

    /** The budget for a function {@code timeout} (what template.yaml's Timeout must hold). */
    static TimeBudget budget(Duration timeout) {
        return Limits.of(timeout).budget();
    }

    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    static final String SERVICE = "worker";

    private final RecalculationBatch batch;
    private final Metrics metrics;
    private final RestoreHooks restoreHooks;
    private final OpenedClients clients;

    private WorkerComponents(RecalculationBatch batch, Metrics metrics, RestoreHooks restoreHooks, OpenedClients clients) {
        this.batch = batch;
        this.metrics = metrics;
        this.restoreHooks = restoreHooks;
        this.clients = clients;
    }

    /**
     * Connects everything the configuration names; metrics go to stdout.
     *
     * @throws ConfigurationException when the Redis URL is malformed, before any connection is tried
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static WorkerComponents connect(WorkerConfiguration configuration, Clock clock) {
        return connect(configuration, clock, Metrics.toStdout(SERVICE));
    }

    /** Connects everything the configuration names, its metrics to {@code metrics}. */
    public static WorkerComponents connect(WorkerConfiguration configuration, Clock clock, Metrics metrics) {
        Limits limits = Limits.of(configuration.timeout());
        OpenedClients resources = new OpenedClients("the worker");
        try {
            Secrets secrets = Secrets.open(configuration.secret(), clock, resources);
            RedisConnection redis = resources.add(openRedis(configuration.redisUrl(), limits.redis(), secrets));
            Database database = resources.add(new Database(configuration.database(),
                    Database.Options.within(limits.database()).withApplicationName("musicrec-worker"), clock, secrets));
            S3Client s3 = resources.add(AwsClients.s3(configuration.models(), limits.s3()));
            SqsClient sqs = resources.add(AwsClients.sqs(configuration.queue(), limits.sqs()));
            S3ModelStore store = new S3ModelStore(s3, configuration.models().bucket(), configuration.models().prefix(),
                    configuration.modelCache(), clock);
            ModelProvider models = resources.add(new ModelProvider(store, clock, configuration.modelRecheck(), limits.firstLoadWait(),
                    metrics));
            SpotifyTrackLookup spotify = resources.add(new SpotifyTrackLookup(configuration.spotify(), secrets, clock));
            SongEnricher songs = resources.add(new SongEnricher(new RedisSongCache(redis, clock), spotify, clock,
                    new SongEnricher.Limits(SongEnricher.Limits.DEFAULT.parallelism(), limits.songs(),
                            SongEnricher.Limits.DEFAULT.pauseWithoutRetryAfter()), metrics));

            Recalculation recalculation = new Recalculation(new PostgresPlayStore(database, clock), models,
                    configuration.recommender(), new PostgresArtistCatalog(database), songs, new RedisRecommendationCache(redis), clock);
            primeModel(models);
            // S3: nothing to renew (see AwsClients); the model primed above is the same in every environment.
            RestoreHooks hooks = new RestoreHooks("the worker")
                    .beforeSnapshot("the PostgreSQL connection", database::closeConnection)
                    .afterRestore("the PostgreSQL connection", database::restored)
                    .afterRestore("the Redis connection", redis::reconnect)
                    .afterRestore("Spotify's idle connections", spotify::closeIdleConnections)
                    .register();
            LOG.atInfo().addKeyValue("recommendations_per_user", configuration.recommender().numberOfArtists())
                    .addKeyValue("mode", configuration.recommender().mode())
                    .addKeyValue("spotify", configuration.spotify().hasCredentials() || secrets.value(Secrets.SPOTIFY_CLIENT_ID).isPresent()
                            ? "configured" : "not configured (no songs)")
                    .log("worker ready");
            RecalculationBatch batch = new RecalculationBatch(recalculation, limits.reserve(),
                    new SqsRedelivery(sqs, configuration.queue().queueUrl().toString()), configuration.unavailableBackoff());
            return new WorkerComponents(batch, metrics, hooks, resources);
        } catch (RuntimeException e) {
            resources.closeAfter(e);
            throw e;
        }
    }

    private static RedisConnection openRedis(String url, Duration timeout, Secrets secrets) {
        try {
            return RedisConnection.open(url, RedisConnection.DEFAULT_TIMEOUT, timeout, SecretRedisToken.of(secrets));
        } catch (IllegalArgumentException e) {
            // RedisConnection's messages never repeat a password.
            throw new ConfigurationException(EnvironmentVariables.REDIS_URL, e.getMessage());
        }
    }

    private static void primeModel(ModelProvider models) {
        try {
            LOG.atInfo().addKeyValue("model_id", models.current().id()).log("serving a model");
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("error", e.getMessage()).log("no model loaded at start, the first message will try again");
        }
    }

    /** What the handler runs each batch through. */
    RecalculationBatch batch() {
        return batch;
    }

    /** Where the worker's metrics go. */
    Metrics metrics() {
        return metrics;
    }

    /** What a SnapStart restore renews: registered already; keep them (see {@link RestoreHooks}). */
    RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    /** Closes the clients, newest first. */
    @Override
    public void close() {
        clients.close();
    }
}
