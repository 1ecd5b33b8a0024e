package io.musicrec.ml;

import io.musicrec.engine.model.Model;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.testing.TestEnvironment;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestServices;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The one server the ML function's integration tests need ({@link TestServices}): s3proxy, with the
 * lastfm-2k model published as current in a fresh bucket. {@code S3_ENDPOINT} names an external S3
 * instead. Handlers are wired the way Lambda wires them: {@link ModelConfiguration#from} over an
 * environment naming the bucket, then {@link ModelComponents#connect}.
 */
final class TestStack {

    private static TestStack instance;

    final ModelStoreSettings models = TestServices.freshModelBucket();
    final Model model = TestModels.shipped();

    private TestStack() {
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = new TestStack();
        }
        return instance;
    }

    /** The environment a deployed ML function would have, pointing at this bucket. */
    Map<String, String> environment() {
        return TestEnvironment.of().models(models).region(models.aws()).toMap();
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
