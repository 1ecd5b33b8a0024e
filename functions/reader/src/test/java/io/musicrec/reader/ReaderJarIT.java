package io.musicrec.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.http.testing.ProbeRun;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.SecretsManagerStandIn;
import io.musicrec.platform.testing.JarCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar Lambda gets ({@code target/musicrec-reader.jar}, built in {@code package} before
 * Failsafe runs): what is in it, and that it serves an event on its own in a fresh JVM. The cold
 * start figures are printed for the README, not asserted.
 */
class ReaderJarIT {

    static final Path JAR = Path.of("target", "musicrec-reader.jar");

    @Test
    void jarHoldsTheCacheLettuceAndLambdaTypesAndNothingOfTheOtherFunctions() throws Exception {
        // 10.9 MB before the Secrets Manager client (SDK core, regions, auth, JSON protocol) came in
        // for the Redis token: 15.8 MB with it (bench/README.md, "Secrets").
        List<String> entries = new JarCheck(JAR, "the reader jar", List.of("io/musicrec/reader/ReaderHandler.class",
                "io/musicrec/cache/RedisRecommendationCache.class", "io/lettuce/core/RedisClient.class", "io/netty/channel/Channel.class",
                "com/amazonaws/services/lambda/runtime/RequestHandler.class",
                "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class",
                "io/musicrec/logging/JsonServiceProvider.class", "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
                "io/musicrec/platform/lifecycle/RestoreHooks.class", "io/musicrec/platform/budget/TimeBudget.class", "org/crac/Core.class"),
                List.of("org/postgresql/", "software/amazon/awssdk/services/s3/", "software/amazon/awssdk/services/sqs/",
                "se/michaelthelin/", "smile/", "org/bytedeco/",
                "org/flywaydb/", "org/apache/hc/", "io/musicrec/engine/", "io/musicrec/local/"),
                16_500_000).verify();
        // Of the platform only the SnapStart restore hooks, the time budget and what reads the Redis token's secret.
        assertTrue(entries.stream().filter(name -> name.startsWith("io/musicrec/platform/") && !name.endsWith("/"))
                .allMatch(name -> List.of("lifecycle", "budget", "secrets", "aws", "config").stream()
                        .anyMatch(kept -> name.startsWith("io/musicrec/platform/" + kept + "/"))),
                "the reader jar holds only the platform's lifecycle, budget, secrets, aws and config packages");
        assertTrue(entries.contains("software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class"));
    }

    @Test
    void shadedJarServesTheSampleEventInAFreshJvm() throws Exception {
        try (LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.REDIS), System::getenv)) {
            // Three fresh JVMs for a range: a shared machine's timings vary.
            for (int i = 1; i <= 3; i++) {
                // The first run lists every class loaded: the read path reads the event with Jackson's
                // streaming parser (HttpApiEventCodec) and must not start its object mapper (databind).
                List<String> jvmOptions = i == 1 ? List.of("-Xlog:class+load=info") : List.of();
                ProbeRun run = ProbeRun.start(JAR, ReaderHandler.class.getName(), List.of(SampleHttpEvents.directory().resolve(SampleHttpEvents.READ)),
                        List.of("REDIS_URL=" + services.redisUrl().orElseThrow()), jvmOptions);
                assertEquals(0, run.exitCode, run.output);
                assertTrue(run.output.contains("\"statuses\":[200, 200]"), run.output);
                if (i == 1) {
                    assertTrue(run.output.contains("io.musicrec.reader.ReaderHandler"), "the class-load log is there");
                    assertTrue(run.output.contains(" com.fasterxml.jackson.core.JsonParser"), "the event is read by the streaming parser");
                    assertFalse(run.output.contains(" com.fasterxml.jackson.databind."), "the read path loaded Jackson's object mapper");
                }
                System.out.println("reader cold start, run " + i + ": process start to first response " + run.processStartToResponseMillis
                        + " ms; " + run.probeLine);
            }
        }
    }

    /**
     * With SECRET_ARN the jar reads the secret through the SDK's Secrets Manager client at init (the
     * stand-in here; the secret has no Redis token, as for a Redis without AUTH): the client works
     * in the shaded jar, which holds no S3 or SQS classes.
     */
    @Test
    void shadedJarReadsItsSecretAtInitAndServes() throws Exception {
        try (LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.REDIS), System::getenv);
             SecretsManagerStandIn secretsManager = SecretsManagerStandIn.start(0)) {
            String arn = secretsManager.putSecret("musicrec-reader", "{\"database_password\":\"not-for-the-reader\"}");
            ProbeRun run = ProbeRun.start(JAR, ReaderHandler.class.getName(), List.of(SampleHttpEvents.directory().resolve(SampleHttpEvents.READ)),
                    List.of("REDIS_URL=" + services.redisUrl().orElseThrow(), "SECRET_ARN=" + arn,
                            "SECRETS_MANAGER_ENDPOINT=" + secretsManager.endpoint(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test"),
                    List.of());
            assertEquals(0, run.exitCode, run.output);
            assertTrue(run.output.contains("\"statuses\":[200, 200]"), run.output);
            assertEquals(1, secretsManager.getSecretValueRequests(), "read once, at init");
            System.out.println("reader cold start with the secret read at init: process start to first response "
                    + run.processStartToResponseMillis + " ms; " + run.probeLine);
        }
    }
}
