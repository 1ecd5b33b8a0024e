package io.musicrec.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.http.testing.ProbeRun;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.platform.testing.JarCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar Lambda gets ({@code target/musicrec-ml.jar}, built in {@code package} before
 * Failsafe runs): what is in it, and that it serves the sample event on its own in fresh JVMs.
 * Its size and the cold-start figures are printed; the size is also held to its 15 MB target.
 */
class ModelJarIT {

    static final Path JAR = Path.of("target", "musicrec-ml.jar");
    /** The target for the HTTP functions' jars. */
    static final long TARGET_JAR_BYTES = 15_000_000;

    @Test
    void jarHoldsTheEngineAndTheS3ClientAndNothingOfTheOtherFunctions() throws Exception {
        new JarCheck(JAR, "the ML jar", List.of("io/musicrec/ml/ModelHandler.class", "io/musicrec/http/Router.class",
                "io/musicrec/engine/recommend/Recommender.class", "io/musicrec/platform/models/S3ModelStore.class",
                "software/amazon/awssdk/services/s3/S3Client.class", "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "io/musicrec/logging/JsonServiceProvider.class", "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
                "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class", "org/joda/time/DateTime.class"),
                List.of("org/postgresql/", "io/lettuce/", "io/netty/", "reactor/", "io/musicrec/cache/", "se/michaelthelin/",
                "org/apache/hc/", "com/google/gson/", "software/amazon/awssdk/services/sqs/", "io/musicrec/api/", "io/musicrec/users/",
                "io/musicrec/reader/", "io/musicrec/worker/", "io/musicrec/trainer/", "io/musicrec/local/", "smile/", "org/bytedeco/",
                "org/flywaydb/", "software/amazon/awssdk/http/nio/netty/", "software/amazon/awssdk/http/apache/", "org/junit/",
                "com/amazonaws/services/lambda/runtime/serialization/", "org/slf4j/simple/"),
                TARGET_JAR_BYTES).verify();
    }

    @Test
    void shadedJarServesTheSampleEventInAFreshJvm() throws Exception {
        List<String> environment = TestStack.get().environment().entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue()).toList();
        List<Path> events = List.of(SampleHttpEvents.directory().resolve(SampleHttpEvents.MODEL));
        // Three fresh JVMs for a range (a shared machine's timings vary). The first event loads the model from S3.
        for (int i = 1; i <= 3; i++) {
            ProbeRun run = ProbeRun.start(JAR, ModelHandler.class.getName(), events, environment);
            assertEquals(0, run.exitCode, run.output);
            assertTrue(run.output.contains("\"statuses\":[200, 200]"), run.output);
            System.out.println("ml cold start, run " + i + ": process start to first response " + run.processStartToResponseMillis
                    + " ms; " + run.probeLine);
        }
    }
}
