package io.musicrec.ml;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.http.testing.SampleEvents;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.S3Server;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.models.S3ModelStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one server the ML function's integration tests need, started once per test JVM: s3proxy,
 * with the lastfm-2k model published as current in a fresh bucket. {@code S3_ENDPOINT} names an
 * external S3 instead. Handlers are wired the way Lambda wires them: {@link ModelConfiguration#from}
 * over an environment naming the bucket, then {@link ModelComponents#connect}.
 */
final class TestStack {

    private static TestStack instance;

    final LocalServices services;
    final ModelStoreSettings models;
    final AwsSettings aws;
    final Model model;

    private TestStack(LocalServices services, ModelStoreSettings models, AwsSettings aws, Model model) {
        this.services = services;
        this.models = models;
        this.aws = aws;
        this.model = model;
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.services::close, "ml-test-stack-stop"));
        }
        return instance;
    }

    private static TestStack start() {
        LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.S3), System::getenv);
        AwsSettings aws = services.s3().isPresent()
                ? new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                : AwsSettings.from(Environment.system());
        Path modelDirectory = SampleEvents.directory().getParent().resolve("model-artifacts").resolve("lastfm-2k");
        String bucket = "models-" + UUID.randomUUID().toString().substring(0, 8);
        ModelStoreSettings models = new ModelStoreSettings(bucket, ModelStoreSettings.DEFAULT_PREFIX,
                Optional.of(URI.create(services.s3Endpoint().orElseThrow())), aws);
        try (S3Client s3 = AwsClients.s3(models)) {
            s3.createBucket(b -> b.bucket(bucket));
            S3ModelStore.of(s3, models, Clock.systemUTC()).publish(modelDirectory);
        }
        return new TestStack(services, models, aws, ModelArtifact.read(modelDirectory));
    }

    /** The environment a deployed ML function would have, pointing at this bucket. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("MODEL_BUCKET", models.bucket());
        env.put("MODEL_KEY", models.prefix());
        env.put("S3_ENDPOINT", services.s3Endpoint().orElseThrow());
        aws.keys().ifPresent(keys -> {
            env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        });
        env.put("AWS_REGION", aws.region());
        return env;
    }

    /** Components wired from {@code environment}, as the public constructor wires them. */
    static ModelComponents components(Map<String, String> environment) {
        return ModelComponents.connect(ModelConfiguration.from(Environment.of(environment::get)), Clock.systemUTC());
    }

    /** A fresh caller no other test uses. */
    static String newUser(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }
}
