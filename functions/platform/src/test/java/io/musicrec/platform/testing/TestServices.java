package io.musicrec.platform.testing;

import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.S3Server;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The servers the integration tests share: PostgreSQL, SQS and S3, started once per test JVM
 * (embedded, through {@link LocalServices}) or taken from {@code DATABASE_URL}, {@code SQS_ENDPOINT}
 * and {@code S3_ENDPOINT}. Tests isolate themselves by asking for a fresh schema, queue or bucket.
 * ({@link LocalStackServices} is the second SQS and S3, where Docker runs.)
 */
public final class TestServices {

    private static LocalServices services;

    private TestServices() {
    }

    /** The shared services, started on first use and stopped when the JVM exits. */
    public static synchronized LocalServices get() {
        if (services == null) {
            services = LocalServices.start(LocalServices.Options.only(
                    LocalServices.Service.POSTGRES, LocalServices.Service.SQS, LocalServices.Service.S3), System::getenv);
            LocalServices started = services;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-services-stop"));
        }
        return services;
    }

    /** The database as the environment or the embedded server gives it (its default schema). */
    public static DatabaseSettings database() {
        var endpoint = get().database().orElseThrow();
        return new DatabaseSettings(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    /** A new schema with the migrations applied: connections made with these settings use it. */
    public static DatabaseSettings freshSchema() {
        return TestSchemas.migrated(database(), "test_");
    }

    /** AWS settings for the test servers: s3proxy's keys when embedded, the environment's otherwise. */
    public static AwsSettings aws() {
        if (get().s3().isPresent()) {
            return new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
        }
        return AwsSettings.from(io.musicrec.platform.config.Environment.system());
    }

    /** The settings of a new, empty standard queue. */
    public static QueueSettings freshQueue(String name) {
        return freshQueue(URI.create(get().sqsEndpoint().orElseThrow()), aws(), name);
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
        return freshBucket(URI.create(get().s3Endpoint().orElseThrow()), aws());
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
}
