package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.http.testing.ProbeRun;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.platform.testing.JarCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar Lambda gets ({@code target/musicrec-api.jar}, built in {@code package} before
 * Failsafe runs): what is in it, and that it serves the sample events on its own in a fresh JVM.
 * Its size and the cold-start figures are printed for the README, not asserted.
 */
class ApiJarIT {

    static final Path JAR = Path.of("target", "musicrec-api.jar");
    /** The target for the API and read jars. */
    static final long TARGET_JAR_BYTES = 15_000_000;

    @Test
    void jarHoldsWhatTheRoutesUseAndNothingElse() throws Exception {
        new JarCheck(JAR, "the API jar", List.of("io/musicrec/api/ApiHandler.class", "io/musicrec/http/Router.class",
                "io/musicrec/platform/plays/PostgresPlayStore.class", "io/musicrec/platform/queue/OutboxRelay.class",
                "org/postgresql/Driver.class", "software/amazon/awssdk/services/sqs/SqsClient.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class", "io/musicrec/logging/JsonServiceProvider.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class",
                "org/joda/time/DateTime.class"),
                // The other functions' libraries: excluded from the class path (pom.xml), so the tests above ran without them.
                List.of("io/lettuce/", "io/netty/", "reactor/", "io/musicrec/cache/", "se/michaelthelin/", "org/apache/hc/",
                "com/google/gson/", "software/amazon/awssdk/services/s3/", "io/musicrec/users/", "io/musicrec/ml/", "io/musicrec/reader/",
                "smile/", "org/bytedeco/", "org/flywaydb/", "software/amazon/awssdk/http/nio/netty/",
                "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/", "io/musicrec/trainer/",
                "io/musicrec/local/", "io/musicrec/worker/", "org/elasticmq/", "org/gaul/", "io/zonky/", "org/junit/",
                "com/amazonaws/services/lambda/runtime/serialization/", "org/slf4j/simple/"),
                TARGET_JAR_BYTES).verify();
    }

    @Test
    void shadedJarServesEverySampleEventInAFreshJvm() throws Exception {
        TestStack stack = TestStack.get();
        String queue = stack.newQueue();
        List<String> environment = stack.environment(queue).entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue()).toList();
        // The probe handles the first event, then all of them: five plays in all, so the fifth sends
        // a recalculation through the jar's SQS client; then a search.
        List<Path> events = List.of(SampleHttpEvents.PLAY, SampleHttpEvents.PLAY, SampleHttpEvents.PLAY, SampleHttpEvents.PLAY, SampleHttpEvents.SEARCH)
                .stream().map(name -> SampleHttpEvents.directory().resolve(name)).toList();
        String sampleCaller = SampleHttpEvents.load(SampleHttpEvents.PLAY).getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");

        // This run also lists every class loaded: the play and search paths write their JSON (responses,
        // the queue message) with jackson-core's generator and must not build an ObjectMapper.
        ProbeRun run = ProbeRun.start(JAR, ApiHandler.class.getName(), events, environment, List.of("-Xlog:class+load=info"));

        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains(" io.musicrec.platform.queue.RecalculationRequest "), "the class-load log is there");
        assertFalse(run.output.contains(" com.fasterxml.jackson.databind.ObjectMapper "), "the API function built an ObjectMapper");
        Matcher statuses = Pattern.compile("\"statuses\":\\[([0-9, ]+)]").matcher(run.output);
        assertTrue(statuses.find(), run.output);
        for (String status : statuses.group(1).split(",\\s*")) {
            assertTrue(Integer.parseInt(status) < 300, run.output);
        }
        assertEquals(List.of(SampleHttpEvents.parse(SampleHttpEvents.object().put("user_id", sampleCaller).put("total_plays", 5).toString())),
                stack.drain(queue, Duration.ofSeconds(5)).stream().map(SampleHttpEvents::parse).toList(), "the fifth play's message");
        System.out.println("api cold start, run 1: process start to first response " + run.processStartToResponseMillis + " ms; "
                + run.probeLine);
        // Two more fresh JVMs for a range (a shared machine's timings vary); statuses only.
        List<Path> routes = List.of(SampleHttpEvents.PLAY, SampleHttpEvents.SEARCH).stream()
                .map(name -> SampleHttpEvents.directory().resolve(name)).toList();
        for (int i = 2; i <= 3; i++) {
            ProbeRun again = ProbeRun.start(JAR, ApiHandler.class.getName(), routes, environment);
            assertEquals(0, again.exitCode, again.output);
            System.out.println("api cold start, run " + i + ": process start to first response " + again.processStartToResponseMillis
                    + " ms; " + again.probeLine);
        }
    }
}
