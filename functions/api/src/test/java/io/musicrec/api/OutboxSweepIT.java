package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.ServerOptions;
import io.musicrec.local.services.SqsServer;
import io.musicrec.local.services.testing.TestLambdaContext;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.queue.OutboxSweep;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outbox sweep function on real PostgreSQL and SQS (ElasticMQ), invoked on a schedule by the
 * test as EventBridge invokes it: a fifth play made while SQS is down, and no play after it, still
 * reaches the queue once SQS is back.
 */
class OutboxSweepIT {

    /** The schedule's period here (a minute in production). */
    private static final Duration PERIOD = Duration.ofSeconds(2);
    /** What a sweep may take beyond the period on a loaded machine: a claim, a send, a mark. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final TestStack stack = TestStack.get();

    @Test
    void fifthPlayWhileSqsIsDownArrivesWithinOneSweepPeriodOfSqsComingBackWithNoFurtherPlay() throws Exception {
        SqsServer sqs = SqsServer.start(ServerOptions.ephemeral());
        int port = sqs.port();
        String queue = sqs.createQueue("recalculations", Map.of());
        Map<String, String> env = stack.environment(queue);
        env.put("SQS_ENDPOINT", sqs.endpoint());
        String user = TestStack.newUser("sweep");
        List<String> metricLines = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService eventBridge = Executors.newSingleThreadScheduledExecutor();
        try (ApiComponents api = TestStack.components(env); ApiComponents sweepComponents = TestStack.components(env)) {
            ApiHandler plays = new ApiHandler(api);
            OutboxSweepHandler sweep = new OutboxSweepHandler(sweepComponents,
                    Metrics.to(OutboxSweepHandler.SERVICE, Clock.systemUTC(), metricLines::add), Clock.systemUTC());
            for (int i = 0; i < 4; i++) {
                assertEquals(200, plays.handle(play(user, 289), null).getStatusCode());
            }
            sqs.close();
            APIGatewayV2HTTPResponse fifth = plays.handle(play(user, 292), null);
            assertEquals(200, fifth.getStatusCode(), fifth.getBody());
            assertTrue(SampleHttpEvents.json(fifth).get("recalculation_queued").asBoolean());

            JsonNode whileDown = SampleHttpEvents.parse(sweep.handleRequest(null, context()));
            assertTrue(whileDown.get("queue_unavailable").asBoolean(), whileDown.toString());
            assertEquals(1, stack.count("SELECT count(*) FROM recalculation_outbox WHERE user_id = ? AND sent_at IS NULL", user),
                    "still waiting in the outbox");
            JsonNode metric = SampleHttpEvents.parse(metricLines.getLast());
            assertEquals("musicrec-outbox-sweep", metric.get(OutboxSweepHandler.FUNCTION_NAME_DIMENSION).asText());
            assertTrue(metric.get(OutboxSweep.OLDEST_PENDING_AGE).asDouble() >= 0, metric.toString());
            assertEquals(OutboxSweep.OLDEST_PENDING_AGE, metric.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText());

            // At a fixed rate, as EventBridge's rate() schedules.
            eventBridge.scheduleAtFixedRate(() -> sweep.handleRequest(null, context()), 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            sqs = SqsServer.start(ServerOptions.onPort(port));
            // In-memory ElasticMQ lost its queues; the same name gives the same URL.
            assertEquals(queue, sqs.createQueue("recalculations", Map.of()));
            long back = System.nanoTime();
            List<String> messages = stack.drainFrom(sqs.endpoint(), queue, PERIOD.plus(SLACK).multipliedBy(2));
            Duration took = Duration.ofNanos(System.nanoTime() - back);
            System.out.printf("outbox sweep: the message arrived %d ms after SQS came back (schedule every %d ms)%n",
                    took.toMillis(), PERIOD.toMillis());

            // The sweep sends every pending row of the schema, other tests' too: this user's are the ones to check.
            assertEquals(List.of(SampleHttpEvents.parse("{\"user_id\":\"" + user + "\",\"total_plays\":5}")),
                    messages.stream().map(SampleHttpEvents::parse).filter(m -> m.get("user_id").asText().equals(user)).toList(),
                    "sent once, by a sweep");
            assertTrue(took.compareTo(PERIOD.plus(SLACK)) <= 0, "arrived " + took.toMillis() + " ms after SQS came back");
            assertEquals(5, stack.count("SELECT total_plays FROM users WHERE id = ?", user), "no play after the fifth");
            assertEquals(0, stack.count("SELECT count(*) FROM recalculation_outbox WHERE user_id = ? AND sent_at IS NULL", user));
        } finally {
            eventBridge.shutdownNow();
            assertTrue(eventBridge.awaitTermination(30, TimeUnit.SECONDS));
            sqs.close();
        }
        JsonNode last = SampleHttpEvents.parse(metricLines.getLast());
        assertEquals(0, last.get(OutboxSweep.OLDEST_PENDING_AGE).asInt(), "nothing left: the age is back to zero " + last);
    }

    private static com.amazonaws.services.lambda.runtime.Context context() {
        return TestLambdaContext.of("musicrec-outbox-sweep", 512, Duration.ofSeconds(60));
    }

    private static APIGatewayV2HTTPEvent play(String user, int artistId) {
        return SampleHttpEvents.body(SampleHttpEvents.as(SampleHttpEvents.PLAY, user), "{\"artist_id\": " + artistId + "}");
    }
}
