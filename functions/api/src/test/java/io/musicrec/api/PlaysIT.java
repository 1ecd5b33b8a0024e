package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.ServerOptions;
import io.musicrec.local.services.SqsServer;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.testing.EmfLines;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /plays} through the handler, on real PostgreSQL and SQS (ElasticMQ). */
class PlaysIT {

    private static TestStack stack;
    private static ApiComponents components;
    private static ApiHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        components = TestStack.components(stack.environment(stack.newQueue()));
        handler = new ApiHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    private static APIGatewayV2HTTPEvent play(String user, int artistId) {
        return SampleHttpEvents.body(SampleHttpEvents.as(SampleHttpEvents.PLAY, user), "{\"artist_id\": " + artistId + "}");
    }

    @Test
    void eachPlayCountsForTheArtistAndTheTotal() {
        String user = TestStack.newUser("counts");

        JsonNode first = SampleHttpEvents.json(handler.handle(play(user, 289), null));
        JsonNode second = SampleHttpEvents.json(handler.handle(play(user, 289), null));
        APIGatewayV2HTTPResponse third = handler.handle(play(user, 89), null);

        assertEquals(200, third.getStatusCode());
        assertEquals(SampleHttpEvents.json(third).toString(), "{\"artist_id\":89,\"plays\":1,\"total_plays\":3,\"recalculation_queued\":false}");
        assertEquals("{\"artist_id\":289,\"plays\":1,\"total_plays\":1,\"recalculation_queued\":false}", first.toString());
        assertEquals("{\"artist_id\":289,\"plays\":2,\"total_plays\":2,\"recalculation_queued\":false}", second.toString());
        assertEquals(3, stack.count("SELECT total_plays FROM users WHERE id = ?", user));
        assertEquals(2, stack.count("SELECT plays FROM user_artist_plays WHERE user_id = ? AND artist_id = 289", user));
    }

    @Test
    void eachRecordedPlayCountsInThePlaysRecordedMetricAndARefusedOneDoesNot() {
        EmfLines metrics = new EmfLines();
        String user = TestStack.newUser("metrics");
        try (ApiComponents own = ApiComponents.connect(ApiConfiguration.from(Environment.of(stack.environment(stack.newQueue())::get)),
                Clock.systemUTC(), Metrics.to(ApiComponents.SERVICE, Clock.systemUTC(), metrics))) {
            ApiHandler api = new ApiHandler(own);
            api.handle(play(user, 289), null);
            api.handle(play(user, 999_999), null);
            api.handle(play(user, 89), null);
        }

        List<EmfLines.Metric> plays = metrics.named("PlaysRecorded");
        assertEquals(2, plays.size(), metrics.lines().toString());
        for (EmfLines.Metric play : plays) {
            assertEquals(1.0, play.value());
            assertEquals("Count", play.unit());
            assertEquals(Map.of("Service", "api"), play.dimensions());
            assertEquals("musicrec", play.namespace());
        }
    }

    @Test
    void playOfAnArtistNotInTheCatalogIs404AndWritesNothing() {
        String user = TestStack.newUser("unknown-artist");

        APIGatewayV2HTTPResponse response = handler.handle(play(user, 999_999), null);

        assertEquals(404, response.getStatusCode());
        assertEquals("unknown_artist", SampleHttpEvents.errorCode(response));
        assertTrue(SampleHttpEvents.json(response).get("error").get("message").asText().contains("999999"));
        assertEquals(0, stack.rowsOf(user), "no user, no play, no outbox row");
    }

    @Test
    void fifthPlayQueuesExactlyOneRecalculation() {
        String queue = stack.newQueue();
        try (ApiComponents own = TestStack.components(stack.environment(queue))) {
            ApiHandler api = new ApiHandler(own);
            String user = TestStack.newUser("five-plays");
            int[] artists = {289, 89, 292, 289, 67};
            for (int i = 0; i < 4; i++) {
                assertFalse(SampleHttpEvents.json(api.handle(play(user, artists[i]), null)).get("recalculation_queued").asBoolean());
            }
            assertEquals(List.of(), stack.drain(queue, Duration.ofMillis(300)), "nothing before the fifth play");

            JsonNode fifth = SampleHttpEvents.json(api.handle(play(user, artists[4]), null));

            assertTrue(fifth.get("recalculation_queued").asBoolean());
            assertEquals(5, fifth.get("total_plays").asLong());
            List<String> messages = stack.drain(queue, Duration.ofSeconds(5));
            assertEquals(1, messages.size(), messages.toString());
            assertEquals(recalculation(user, 5), SampleHttpEvents.parse(messages.get(0)));
            assertEquals(0, stack.count("SELECT count(*) FROM recalculation_outbox WHERE user_id = ? AND sent_at IS NULL", user),
                    "the outbox row is marked sent");
        }
    }

    @Test
    void tenPlaysQueueTheTotalsFiveAndTen() {
        String queue = stack.newQueue();
        try (ApiComponents own = TestStack.components(stack.environment(queue))) {
            ApiHandler api = new ApiHandler(own);
            String user = TestStack.newUser("ten-plays");
            for (int i = 0; i < 10; i++) {
                assertEquals(200, api.handle(play(user, 289), null).getStatusCode());
            }
            List<JsonNode> messages = stack.drain(queue, Duration.ofSeconds(5)).stream().map(SampleHttpEvents::parse).toList();
            assertEquals(2, messages.size(), messages.toString());
            assertTrue(messages.contains(recalculation(user, 5)) && messages.contains(recalculation(user, 10)), messages.toString());
        }
    }

    @Test
    void sqsDownDuringTheFifthPlayKeepsThePlayAndDeliversTheMessageOnceSqsIsBack() {
        SqsServer sqs = SqsServer.start(ServerOptions.ephemeral());
        int port = sqs.port();
        String queue = sqs.createQueue("recalculations", Map.of());
        Map<String, String> env = stack.environment(queue);
        env.put("SQS_ENDPOINT", sqs.endpoint());
        String user = TestStack.newUser("sqs-down");
        try (ApiComponents own = TestStack.components(env)) {
            ApiHandler api = new ApiHandler(own);
            for (int i = 0; i < 4; i++) {
                assertEquals(200, api.handle(play(user, 289), null).getStatusCode());
            }

            sqs.close();
            APIGatewayV2HTTPResponse fifth = api.handle(play(user, 292), null);

            assertEquals(200, fifth.getStatusCode(), fifth.getBody());
            assertTrue(SampleHttpEvents.json(fifth).get("recalculation_queued").asBoolean(), "the outbox row is committed with the play");
            assertEquals(5, stack.count("SELECT total_plays FROM users WHERE id = ?", user), "the play is committed");
            assertEquals(1, stack.count("SELECT count(*) FROM recalculation_outbox WHERE user_id = ? AND sent_at IS NULL", user),
                    "the message waits in the outbox");

            sqs = SqsServer.start(ServerOptions.onPort(port));
            // In-memory ElasticMQ lost its queues; the same name gives the same URL.
            assertEquals(queue, sqs.createQueue("recalculations", Map.of()));
            APIGatewayV2HTTPResponse sixth = api.handle(play(user, 292), null);

            assertEquals(200, sixth.getStatusCode());
            assertFalse(SampleHttpEvents.json(sixth).get("recalculation_queued").asBoolean(), "the sixth play queues nothing of its own");
            assertEquals(0, stack.count("SELECT count(*) FROM recalculation_outbox WHERE user_id = ? AND sent_at IS NULL", user));
            List<String> messages = stack.drainFrom(sqs.endpoint(), queue, Duration.ofSeconds(5));
            assertEquals(List.of(recalculation(user, 5)), messages.stream().map(SampleHttpEvents::parse).toList());
        } finally {
            sqs.close();
        }
    }

    private static APIGatewayV2HTTPEvent keyedPlay(String user, int artistId, String key) {
        return SampleHttpEvents.header(play(user, artistId), "idempotency-key", key);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndRecordsNothing() {
        String user = TestStack.newUser("retry");
        String key = UUID.randomUUID().toString();

        APIGatewayV2HTTPResponse first = handler.handle(keyedPlay(user, 289, key), null);
        APIGatewayV2HTTPResponse retry = handler.handle(keyedPlay(user, 289, key), null);
        APIGatewayV2HTTPResponse quoted = handler.handle(keyedPlay(user, 289, "\"" + key + "\""), null);

        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals("{\"artist_id\":289,\"plays\":1,\"total_plays\":1,\"recalculation_queued\":false}", first.getBody());
        assertEquals(null, first.getHeaders().get("idempotent-replayed"));
        for (APIGatewayV2HTTPResponse repeat : List.of(retry, quoted)) {
            assertEquals(200, repeat.getStatusCode());
            assertEquals(first.getBody(), repeat.getBody(), "the first answer, byte for byte");
            assertEquals("true", repeat.getHeaders().get("idempotent-replayed"));
        }
        assertEquals(1, stack.count("SELECT total_plays FROM users WHERE id = ?", user));
        assertEquals(2, SampleHttpEvents.json(handler.handle(play(user, 289), null)).get("total_plays").asLong(), "no key: a new play");
    }

    @Test
    void sixteenContainersRetryingTheFifthPlayAtOnceAnswerAlikeAndQueueOneRecalculation() throws Exception {
        String queue = stack.newQueue();
        String user = TestStack.newUser("sixteen-retries");
        String key = UUID.randomUUID().toString();
        List<ApiComponents> containers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 16; i++) {
                containers.add(TestStack.components(stack.environment(queue)));
            }
            ApiHandler one = new ApiHandler(containers.get(0));
            for (int i = 0; i < 4; i++) {
                assertEquals(200, one.handle(play(user, 89), null).getStatusCode());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
            for (ApiComponents container : containers) {
                ApiHandler api = new ApiHandler(container);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.handle(keyedPlay(user, 292, key), null);
                }));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            int replayed = 0;
            for (var answer : answers) {
                APIGatewayV2HTTPResponse response = answer.get();
                assertEquals(200, response.getStatusCode(), response.getBody());
                bodies.add(response.getBody());
                replayed += "true".equals(response.getHeaders().get("idempotent-replayed")) ? 1 : 0;
            }

            assertEquals(Set.of("{\"artist_id\":292,\"plays\":1,\"total_plays\":5,\"recalculation_queued\":true}"), bodies);
            assertEquals(15, replayed, "one recorded, fifteen replayed");
            assertEquals(5, stack.count("SELECT total_plays FROM users WHERE id = ?", user));
            assertEquals(1, stack.count("SELECT count(*) FROM recalculation_outbox WHERE user_id = ?", user));
            assertEquals(List.of(recalculation(user, 5)), stack.drain(queue, Duration.ofSeconds(5)).stream().map(SampleHttpEvents::parse).toList());
        } finally {
            pool.shutdownNow();
            containers.forEach(ApiComponents::close);
        }
    }

    @Test
    void theSameKeyWithAnotherArtistIs422AndWritesNothing() {
        String user = TestStack.newUser("key-reused");
        String key = UUID.randomUUID().toString();
        assertEquals(200, handler.handle(keyedPlay(user, 289, key), null).getStatusCode());
        long rows = stack.rowsOf(user);

        APIGatewayV2HTTPResponse reused = handler.handle(keyedPlay(user, 89, key), null);

        assertEquals(422, reused.getStatusCode(), reused.getBody());
        assertEquals("idempotency_key_reused", SampleHttpEvents.errorCode(reused));
        assertTrue(SampleHttpEvents.json(reused).get("error").get("message").asText().contains("289"), reused.getBody());
        assertEquals(rows, stack.rowsOf(user));
        assertEquals(1, stack.count("SELECT total_plays FROM users WHERE id = ?", user));
    }

    @Test
    void aBodyOfExactly16KiBIsTakenAndSoIsABase64EncodedOne() {
        String user = TestStack.newUser("limit");
        String json = "{\"artist_id\": 289}";
        String padded = json + " ".repeat(16 * 1024 - json.length());
        assertEquals(16 * 1024, padded.getBytes(StandardCharsets.UTF_8).length);

        APIGatewayV2HTTPResponse plain = handler.handle(SampleHttpEvents.body(SampleHttpEvents.as(SampleHttpEvents.PLAY, user), padded), null);
        APIGatewayV2HTTPResponse base64 = handler.handle(
                SampleHttpEvents.base64Body(SampleHttpEvents.as(SampleHttpEvents.PLAY, user), padded.getBytes(StandardCharsets.UTF_8)), null);

        assertEquals(200, plain.getStatusCode(), plain.getBody());
        assertEquals(200, base64.getStatusCode(), base64.getBody());
        assertEquals(2, SampleHttpEvents.json(base64).get("total_plays").asLong());
    }

    @Test
    void theSampleEventIsServedUnderANamedStageToo() {
        String user = TestStack.newUser("stage");
        APIGatewayV2HTTPEvent event = SampleHttpEvents.as(SampleHttpEvents.PLAY, user);
        event.setRawPath("/prod/plays");
        event.getRequestContext().setStage("prod");

        APIGatewayV2HTTPResponse response = handler.handle(event, null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(289, SampleHttpEvents.json(response).get("artist_id").asInt());
    }

    /** The message the worker expects: {@code {"user_id", "total_plays"}}. */
    private static JsonNode recalculation(String user, long total) {
        // Parsed from text, as the received messages are, so that numbers compare by value.
        return SampleHttpEvents.parse(SampleHttpEvents.object().put("user_id", user).put("total_plays", total).toString());
    }
}
