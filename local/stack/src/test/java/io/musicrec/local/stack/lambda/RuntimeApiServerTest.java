package io.musicrec.local.stack.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuntimeApiServerTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:ReaderFunction";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private RuntimeApiServer api;

    @BeforeEach
    void start() {
        api = RuntimeApiServer.start(ARN, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void nextHandsOutTheEventWithItsRequestIdDeadlineArnAndTraceThenTakesTheResponse() throws Exception {
        RuntimeApiServer.Invocation invocation = api.submit("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertFalse(invocation.handedOut().isDone());

        HttpResponse<String> next = get("/2018-06-01/runtime/invocation/next");
        assertEquals(200, next.statusCode());
        assertEquals("{\"a\":1}", next.body());
        assertEquals(invocation.requestId(), next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertEquals(Long.toString(NOW.toEpochMilli() + 5_000), next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertEquals(ARN, next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        String trace = next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow();
        assertTrue(trace.matches("Root=1-" + Long.toHexString(NOW.getEpochSecond()) + "-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"), trace);
        assertTrue(invocation.handedOut().isDone());
        assertFalse(invocation.outcome().isDone());

        HttpResponse<String> response = post("/2018-06-01/runtime/invocation/" + invocation.requestId() + "/response", "{\"statusCode\":200}", null);
        assertEquals(202, response.statusCode());
        RuntimeApiServer.Response answer = assertInstanceOf(RuntimeApiServer.Response.class, invocation.outcome().get(5, TimeUnit.SECONDS));
        assertArrayEquals("{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8), answer.body());

        HttpResponse<String> again = post("/2018-06-01/runtime/invocation/" + invocation.requestId() + "/response", "{}", null);
        assertEquals(400, again.statusCode(), "an invocation is answered once");
        assertTrue(again.body().contains("\"errorType\":\"InvalidRequestID\""), again.body());
    }

    @Test
    void anErrorCarriesItsTypeFromTheHeaderAndItsBody() throws Exception {
        RuntimeApiServer.Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        String id = get("/2018-06-01/runtime/invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        String body = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[]}";

        assertEquals(202, post("/2018-06-01/runtime/invocation/" + id + "/error", body, "java.lang.IllegalStateException").statusCode());

        RuntimeApiServer.Failure failure = assertInstanceOf(RuntimeApiServer.Failure.class, invocation.outcome().get(5, TimeUnit.SECONDS));
        assertFalse(failure.init());
        assertEquals("java.lang.IllegalStateException", failure.errorType());
        assertEquals(body, new String(failure.body(), StandardCharsets.UTF_8));
    }

    @Test
    void anInitErrorEndsTheInvocationThatWasNeverHandedOut() throws Exception {
        RuntimeApiServer.Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        assertEquals(202, post("/2018-06-01/runtime/init/error", "{\"errorMessage\":\"no REDIS_URL\",\"errorType\":\"Config\"}", "Config")
                .statusCode());

        RuntimeApiServer.Failure failure = assertInstanceOf(RuntimeApiServer.Failure.class, invocation.outcome().get(5, TimeUnit.SECONDS));
        assertTrue(failure.init());
        assertEquals("Config", failure.errorType());
        assertFalse(invocation.handedOut().isDone());
    }

    @Test
    void aSecondNextWaitsForAnotherEventAndUnknownPathsAre404WithJson() throws Exception {
        api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertEquals(200, get("/2018-06-01/runtime/invocation/next").statusCode());
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(request("/2018-06-01/runtime/invocation/next").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> unknown = get("/2018-06-01/runtime/nowhere");
        assertEquals(404, unknown.statusCode());
        assertEquals("application/json", unknown.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(unknown.body().contains("\"errorType\":\"NotFound\""), unknown.body());
        assertEquals(404, post("/2018-06-01/runtime/invocation/next", "{}", null).statusCode(), "next is a GET");
        assertFalse(waiting.isDone(), "a second /next must block until there is an event");

        RuntimeApiServer.Invocation second = api.submit("{\"b\":2}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
        HttpResponse<String> next = waiting.get(5, TimeUnit.SECONDS);
        assertEquals("{\"b\":2}", next.body());
        assertEquals(second.requestId(), next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + api.address() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            request.header(RuntimeApiServer.ERROR_TYPE, errorType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
