package io.musicrec.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.local.services.testing.StalledServer;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ML function with an S3 that accepts connections and never answers (a TCP stand-in; the SDK
 * and the model store under it are the real ones): a container whose model is loaded keeps
 * answering from memory, fast, while the pointer check hangs in the background; a fresh container
 * answers 503 within its timeout.
 */
class StalledS3IT {

    @Test
    void aLoadedModelKeepsAnsweringWithinTheTimeoutWhileS3StopsAnswering() {
        TestStack stack = TestStack.get();
        URI s3 = TestServices.s3Endpoint();
        MutableClock clock = new MutableClock(Instant.now());
        try (StalledServer path = StalledServer.forwardingTo(s3.getHost(), s3.getPort())) {
            Map<String, String> environment = stack.environment();
            environment.put("S3_ENDPOINT", "http://127.0.0.1:" + path.port());
            ModelConfiguration configuration = ModelConfiguration.from(Environment.of(environment::get));
            try (ModelComponents components = ModelComponents.connect(configuration, clock)) {
                ModelHandler handler = new ModelHandler(components);
                assertEquals(200, handler.handle(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("loaded")), null).getStatusCode(),
                        "the model loads while S3 answers");

                path.stall();
                clock.advance(ModelProvider.DEFAULT_RECHECK.plusSeconds(1));
                for (int request = 0; request < 3; request++) {
                    long start = System.nanoTime();
                    APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("stalled")), null);
                    long millis = (System.nanoTime() - start) / 1_000_000;

                    assertEquals(200, response.getStatusCode(), response.getBody());
                    assertEquals(stack.model.id(), SampleHttpEvents.json(response).get("model_id").asText());
                    assertTrue(millis < configuration.timeout().toMillis(), "within the function's timeout: " + millis + " ms");
                    assertTrue(millis < 2_000, "no request waits for the pointer check that S3 does not answer: " + millis + " ms");
                    clock.advance(ModelProvider.DEFAULT_RECHECK);
                }
            }
        }
    }

    @Test
    void aFreshContainerAnswers503WithinItsTimeoutWhenS3NeverAnswers() {
        TestStack stack = TestStack.get();
        try (StalledServer s3 = StalledServer.start()) {
            Map<String, String> environment = stack.environment();
            environment.put("S3_ENDPOINT", "http://127.0.0.1:" + s3.port());
            // A 5 s function (the budget scales: 3 s for the first model) keeps this test short.
            environment.put("FUNCTION_TIMEOUT_SECONDS", "5");
            ModelConfiguration configuration = ModelConfiguration.from(Environment.of(environment::get));
            try (ModelComponents components = ModelComponents.connect(configuration, new MutableClock(Instant.now()))) {
                // The event is read before the clock starts: the first read in a JVM loads the runtime's serializer.
                var event = SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("fresh"));
                long start = System.nanoTime();
                APIGatewayV2HTTPResponse response = new ModelHandler(components).handle(event, null);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(503, response.getStatusCode(), response.getBody());
                assertEquals("model_unavailable", SampleHttpEvents.errorCode(response));
                assertTrue(took.compareTo(ModelComponents.Limits.of(configuration.timeout()).firstLoadWait().plusMillis(500)) < 0,
                        "waited the first-load share of the budget, then answered: " + took);
                assertTrue(s3.accepted() >= 1, "S3 was asked");
            }
        }
    }
}
