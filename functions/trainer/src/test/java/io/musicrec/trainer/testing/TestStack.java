package io.musicrec.trainer.testing;

import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.S3Server;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.testing.TestSchemas;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * PostgreSQL and s3proxy for the trainer's integration tests, started once per test JVM (or taken
 * from {@code DATABASE_URL} and {@code S3_ENDPOINT}). Tests isolate themselves with a fresh schema
 * and a fresh bucket each.
 */
public final class TestStack {

    private static LocalServices services;

    private TestStack() {
    }

    /** The shared services, started on first use and stopped when the JVM exits. */
    public static synchronized LocalServices get() {
        if (services == null) {
            services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.POSTGRES, LocalServices.Service.S3),
                    System::getenv);
            LocalServices started = services;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "trainer-test-services-stop"));
        }
        return services;
    }

    /** The database's default schema. */
    public static DatabaseSettings database() {
        var endpoint = get().database().orElseThrow();
        return new DatabaseSettings(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    /** A new, empty schema, not migrated: connections made with these settings use it. */
    public static DatabaseSettings emptySchema() {
        return TestSchemas.empty(database(), "trainer_");
    }

    /** A new schema with the migrations applied. */
    public static DatabaseSettings freshSchema() {
        return TestSchemas.migrated(database(), "trainer_");
    }

    /** AWS settings for the test S3: s3proxy's keys when embedded. */
    public static AwsSettings aws() {
        if (get().s3().isPresent()) {
            return new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
        }
        return AwsSettings.from(io.musicrec.platform.config.Environment.system());
    }

    /** A new, empty bucket with prefix {@code models}. */
    public static ModelStoreSettings freshBucket() {
        URI endpoint = URI.create(get().s3Endpoint().orElseThrow());
        String bucket = "models-" + UUID.randomUUID().toString().substring(0, 8);
        ModelStoreSettings settings = new ModelStoreSettings(bucket, ModelStoreSettings.DEFAULT_PREFIX, Optional.of(endpoint), aws());
        try (S3Client s3 = AwsClients.s3(settings)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return settings;
    }

    /** The environment a trainer function would see for this schema and bucket. */
    public static Map<String, String> environment(DatabaseSettings database, ModelStoreSettings models) {
        Map<String, String> env = new HashMap<>();
        if (database != null) {
            env.put(EnvironmentVariables.DATABASE_URL, database.jdbcUrl());
            env.put(EnvironmentVariables.DATABASE_USER, database.user());
            env.put(EnvironmentVariables.DATABASE_PASSWORD, database.password());
        }
        env.put(EnvironmentVariables.MODEL_BUCKET, models.bucket());
        env.put(EnvironmentVariables.MODEL_KEY, models.prefix());
        models.endpoint().ifPresent(e -> env.put(EnvironmentVariables.S3_ENDPOINT, e.toString()));
        models.aws().keys().ifPresent(keys -> {
            env.put(EnvironmentVariables.AWS_ACCESS_KEY_ID, keys.accessKeyId());
            env.put(EnvironmentVariables.AWS_SECRET_ACCESS_KEY, keys.secretAccessKey());
        });
        return env;
    }
}
