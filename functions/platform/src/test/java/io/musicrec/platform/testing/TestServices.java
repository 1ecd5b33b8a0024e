package io.musicrec.platform.testing;

import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.LocalServices.Service;
import io.musicrec.local.services.S3Server;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.postgres.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The servers every module's integration tests share: each started once per test JVM, on first use
 * (embedded, through {@link LocalServices}) or taken from {@code DATABASE_URL}, {@code REDIS_URL},
 * {@code SQS_ENDPOINT}, {@code S3_ENDPOINT} and {@code SPOTIFY_API_URL}; and stopped, with whatever
 * a test stack hands to {@link #closeAtExit}, newest first, when the JVM exits. Tests isolate
 * themselves by asking for a fresh schema, catalog, queue or bucket.
 * ({@link LocalStackServices} is the second SQS and S3, where Docker runs.)
 *
 * <p>Not to miss: {@link #start} the services a module needs together before the first test (they
 * start in parallel); an accessor starts its service alone when nothing started it.
 */
public final class TestServices {

    private static final Map<Service, LocalServices> RUNNING = new EnumMap<>(Service.class);
    private static Teardown atExit;

    private TestServices() {
    }

    /** Starts those of {@code services} not running yet, together. */
    public static synchronized void start(Service... services) {
        Set<Service> missing = EnumSet.noneOf(Service.class);
        Arrays.stream(services).filter(service -> !RUNNING.containsKey(service)).forEach(missing::add);
        if (missing.isEmpty()) {
            return;
        }
        LocalServices started = closeAtExit(LocalServices.start(
                new LocalServices.Options(missing, Map.of(), Optional.empty()), System::getenv));
        missing.forEach(service -> RUNNING.put(service, started));
    }

    /** Closes {@code resource} when the JVM exits, before what was added earlier (newest first); returns it. */
    public static synchronized <T extends AutoCloseable> T closeAtExit(T resource) {
        if (atExit == null) {
            Teardown teardown = new Teardown();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    teardown.close();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }, "test-services-stop"));
            atExit = teardown;
        }
        return atExit.add(resource);
    }

    private static synchronized LocalServices running(Service service) {
        start(service);
        return RUNNING.get(service);
    }

    /** The database as the environment or the embedded server gives it (its default schema). */
    public static DatabaseSettings database() {
        var endpoint = running(Service.POSTGRES).database().orElseThrow();
        return new DatabaseSettings(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    /** A new, empty schema, not migrated: connections made with these settings use it. */
    public static DatabaseSettings emptySchema() {
        return TestSchemas.empty(database(), "test_");
    }

    /** A new schema with the migrations applied: connections made with these settings use it. */
    public static DatabaseSettings freshSchema() {
        return TestSchemas.migrated(database(), "test_");
    }

    /** A new schema, migrated, with the catalog imported from the shipped model's artists. */
    public static DatabaseSettings freshCatalog() {
        DatabaseSettings settings = freshSchema();
        Database.Options options = Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(2));
        try (Database database = new Database(settings, options, Clock.systemUTC())) {
            new CatalogImport(database, Clock.systemUTC()).importModel(TestModels.shippedDirectory());
        }
        return settings;
    }

    /** {@code redis://...}. */
    public static String redisUrl() {
        return running(Service.REDIS).redisUrl().orElseThrow();
    }

    /** The SQS endpoint. */
    public static URI sqsEndpoint() {
        return URI.create(running(Service.SQS).sqsEndpoint().orElseThrow());
    }

    /** The S3 endpoint. */
    public static URI s3Endpoint() {
        return URI.create(running(Service.S3).s3Endpoint().orElseThrow());
    }

    /** The Spotify Web API's base URL (the stand-in also serves the accounts service's token). */
    public static String spotifyUrl() {
        return running(Service.SPOTIFY).spotifyUrl().orElseThrow();
    }

    /** The embedded Spotify stand-in, empty when {@code SPOTIFY_API_URL} names another. */
    public static Optional<SpotifyStandIn> spotify() {
        return running(Service.SPOTIFY).spotify();
    }

    /**
     * AWS settings for the test servers: s3proxy's keys (which ElasticMQ takes as well) when the S3
     * (else the SQS) in use is embedded, the environment's when it is external.
     */
    public static synchronized AwsSettings aws() {
        Service service = RUNNING.containsKey(Service.S3) ? Service.S3 : Service.SQS;
        if (!RUNNING.containsKey(service) || !RUNNING.get(service).isExternal(service)) {
            return new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
        }
        return AwsSettings.from(Environment.system());
    }

    /** The queue at {@code queueUrl} on the test SQS. */
    public static QueueSettings queue(String queueUrl) {
        URI endpoint = sqsEndpoint();
        return new QueueSettings(URI.create(queueUrl), Optional.of(endpoint), aws());
    }

    /** The settings of a new, empty standard queue. */
    public static QueueSettings freshQueue(String name) {
        return freshQueue(sqsEndpoint(), aws(), name);
    }

    /** The settings of a new, empty standard queue on the SQS at {@code endpoint}. */
    public static QueueSettings freshQueue(URI endpoint, AwsSettings aws, String name) {
        QueueSettings probe = new QueueSettings(URI.create(endpoint + "/queue/x"), Optional.of(endpoint), aws);
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (SqsClient sqs = AwsClients.sqs(probe)) {
            String url = sqs.createQueue(b -> b.queueName(unique)).queueUrl();
            return new QueueSettings(URI.create(url), Optional.of(endpoint), aws);
        }
    }

    /** The settings of a new, empty bucket with prefix {@code models}. */
    public static ModelStoreSettings freshBucket() {
        URI endpoint = s3Endpoint();
        return freshBucket(endpoint, aws());
    }

    /** The settings of a new, empty bucket with prefix {@code models} on the S3 at {@code endpoint}. */
    public static ModelStoreSettings freshBucket(URI endpoint, AwsSettings aws) {
        String bucket = "models-" + UUID.randomUUID().toString().substring(0, 8);
        ModelStoreSettings settings = new ModelStoreSettings(bucket, ModelStoreSettings.DEFAULT_PREFIX, Optional.of(endpoint), aws);
        try (S3Client s3 = AwsClients.s3(settings)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return settings;
    }

    /** A new bucket with the shipped model published in it as the current model. */
    public static ModelStoreSettings freshModelBucket() {
        ModelStoreSettings settings = freshBucket();
        publish(settings, TestModels.shippedDirectory());
        return settings;
    }

    /** Publishes the model artifact in {@code directory} to the bucket and makes it current. */
    public static void publish(ModelStoreSettings settings, Path directory) {
        try (S3Client s3 = AwsClients.s3(settings)) {
            S3ModelStore.of(s3, settings, Clock.systemUTC()).publish(directory);
        }
    }
}
