package io.musicrec.worker;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.S3Server;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.songs.SpotifySettings;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.worker.recalculation.RecalculationBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The servers the worker's integration tests share, started once per test JVM: PostgreSQL, Redis,
 * ElasticMQ and s3proxy through {@link LocalServices} (or those named by {@code DATABASE_URL},
 * {@code REDIS_URL}, {@code SQS_ENDPOINT}, {@code S3_ENDPOINT}), and a Spotify stand-in of the
 * tests' own, always embedded, since the tests switch its failures on and off. Test classes isolate
 * themselves with a fresh schema and a fresh bucket, and tests with fresh user ids.
 */
final class TestServices {

    /** The model the project ships, published to every fresh bucket. */
    static final String MODEL_ID = "lastfm-2k-v1";

    private static LocalServices services;
    private static SpotifyStandIn spotify;
    private static Model model;
    private static Path modelCache;

    private TestServices() {
    }

    static synchronized LocalServices get() {
        if (services == null) {
            services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.POSTGRES,
                    LocalServices.Service.REDIS, LocalServices.Service.SQS, LocalServices.Service.S3), System::getenv);
            LocalServices started = services;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-services-stop"));
        }
        return services;
    }

    /** The Spotify stand-in; tests add the artists they expect and reset failures when done. */
    static synchronized SpotifyStandIn spotify() {
        if (spotify == null) {
            spotify = SpotifyStandIn.start(0);
            SpotifyStandIn started = spotify;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "spotify-stand-in-stop"));
        }
        return spotify;
    }

    static String redisUrl() {
        return get().redisUrl().orElseThrow();
    }

    /** The repository's root, found from the module directory the tests run in. */
    static Path repository() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("model-artifacts/lastfm-2k/manifest.json"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no model-artifacts/lastfm-2k above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    static Path modelDirectory() {
        return repository().resolve("model-artifacts/lastfm-2k");
    }

    /** The shipped model, read from disk: what the tests compute their expectations with. */
    static synchronized Model model() {
        if (model == null) {
            model = ModelArtifact.read(modelDirectory());
        }
        return model;
    }

    /** The id of the artist of this name in the shipped model. */
    static int artistId(String name) {
        Model m = model();
        for (int i = 0; i < m.size(); i++) {
            if (m.artists().name(i).equals(name)) {
                return m.artists().id(i);
            }
        }
        throw new IllegalArgumentException("no artist '" + name + "' in " + m.id());
    }

    /** Where the workers of this JVM keep downloaded models (not the shared /tmp/musicrec-models). */
    static synchronized Path modelCache() {
        if (modelCache == null) {
            try {
                modelCache = Files.createTempDirectory("worker-it-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return modelCache;
    }

    /** A new schema, migrated, with the catalog imported from the shipped model's artists. */
    static DatabaseSettings freshCatalog() {
        var endpoint = get().database().orElseThrow();
        DatabaseSettings settings = TestSchemas.migrated(
                new DatabaseSettings(endpoint.jdbcUrl(), endpoint.user(), endpoint.password()), "worker_");
        Database.Options options = Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(2));
        try (Database database = new Database(settings, options, Clock.systemUTC())) {
            new CatalogImport(database, Clock.systemUTC()).importModel(modelDirectory());
        }
        return settings;
    }

    /** s3proxy's keys when embedded, the environment's otherwise. */
    static AwsSettings aws() {
        if (get().s3().isPresent()) {
            return new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
        }
        return AwsSettings.from(Environment.system());
    }

    /** A new bucket with the shipped model published in it (prefix {@code models}). */
    static ModelStoreSettings freshModelBucket() {
        URI endpoint = URI.create(get().s3Endpoint().orElseThrow());
        String bucket = "worker-models-" + UUID.randomUUID().toString().substring(0, 8);
        ModelStoreSettings settings = new ModelStoreSettings(bucket, ModelStoreSettings.DEFAULT_PREFIX, Optional.of(endpoint), aws());
        try (S3Client s3 = AwsClients.s3(settings)) {
            s3.createBucket(b -> b.bucket(bucket));
            modelStore(s3, settings).publish(modelDirectory());
        }
        return settings;
    }

    /**
     * A new bucket whose pointer names a model that was never uploaded: what a worker finds when a
     * publish went wrong or the model's files were deleted. {@link #publish} repairs it.
     */
    static ModelStoreSettings modelBucketPointingAtAMissingModel() {
        URI endpoint = URI.create(get().s3Endpoint().orElseThrow());
        String bucket = "worker-models-" + UUID.randomUUID().toString().substring(0, 8);
        ModelStoreSettings settings = new ModelStoreSettings(bucket, ModelStoreSettings.DEFAULT_PREFIX, Optional.of(endpoint), aws());
        try (S3Client s3 = AwsClients.s3(settings)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key(settings.prefix() + "/" + S3ModelStore.POINTER),
                    RequestBody.fromString("{\"model_id\": \"never-uploaded\", \"published_at\": \"2026-11-28T03:00:00Z\"}"));
        }
        return settings;
    }

    /** Publishes the model artifact in {@code directory} to the bucket and makes it current. */
    static void publish(ModelStoreSettings settings, Path directory) {
        try (S3Client s3 = AwsClients.s3(settings)) {
            modelStore(s3, settings).publish(directory);
        }
    }

    private static S3ModelStore modelStore(S3Client s3, ModelStoreSettings settings) {
        return new S3ModelStore(s3, settings.bucket(), settings.prefix(), modelCache(), Clock.systemUTC());
    }

    /** The stand-in's credentials and URL, with timeouts short enough for a silent stand-in. */
    static SpotifySettings spotifySettings(SpotifyStandIn standIn) {
        return SpotifySettings.of(SpotifyStandIn.CLIENT_ID, SpotifyStandIn.CLIENT_SECRET, URI.create(standIn.baseUrl()))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    /**
     * Worker settings for these servers: {@code n} artists in the default mode, songs from the tests'
     * stand-in, and a queue on the test SQS that does not exist (tests whose events come from no
     * queue: a postponed redelivery is then logged as failed, which changes nothing else).
     */
    static WorkerSettings settings(DatabaseSettings database, ModelStoreSettings models, int n) {
        return settings(database, models, n, queue(get().sqsEndpoint().orElseThrow() + "/000000000000/no-such-queue"),
                RecalculationBatch.DEFAULT_UNAVAILABLE_BACKOFF);
    }

    /** The same, for messages received from {@code queue}, put off by {@code unavailableBackoff} while a service is down. */
    static WorkerSettings settings(DatabaseSettings database, ModelStoreSettings models, int n, QueueSettings queue,
                                   List<Duration> unavailableBackoff) {
        return new WorkerSettings(database, redisUrl(), models, modelCache(), ModelProvider.DEFAULT_RECHECK,
                new RecommenderSettings(n, RecommenderSettings.DEFAULT_MODE), spotifySettings(spotify()), queue, unavailableBackoff,
                WorkerSettings.DEFAULT_TIMEOUT, SecretSettings.none());
    }

    /** The queue at {@code queueUrl} on the test SQS. */
    static QueueSettings queue(String queueUrl) {
        return new QueueSettings(URI.create(queueUrl), Optional.of(URI.create(get().sqsEndpoint().orElseThrow())), aws());
    }
}
