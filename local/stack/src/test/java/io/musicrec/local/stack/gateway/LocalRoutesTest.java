package io.musicrec.local.stack.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.local.stack.auth.Hs256Jwt;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalRoutesTest {

    private static final int PORT = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger retrains = new AtomicInteger();
    private final LocalRoutes routes = new LocalRoutes(new JwtAuthorizer(
            new Hs256Jwt("a local secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8)),
            new JwtAuthorizer.Settings("musicrec-local", "musicrec", Duration.ofHours(1)), Clock.systemUTC()),
            () -> {
                retrains.incrementAndGet();
                return new RetrainHook.Outcome(false, "{\"published\":false}");
            });

    private static GatewayRequest post(String path, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new GatewayRequest("POST", path, "", map, "{\"sub\": \"alice\"}".getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1");
    }

    @Test
    void theStacksOwnLoopbackNamesAndOriginsAreServed() {
        for (String host : List.of("127.0.0.1:3000", "localhost:3000", "[::1]:3000", "LOCALHOST:3000")) {
            assertEquals(200, routes.handle(post("/local/token", "Host", host), PORT).status(), host);
        }
        assertEquals(200, routes.handle(post("/local/token", "Host", "localhost:3000", "Origin", "http://localhost:3000",
                "Sec-Fetch-Site", "same-origin"), PORT).status());
        assertEquals(200, routes.handle(post("/local/retrain", "Host", "127.0.0.1:3000", "Origin", "http://127.0.0.1:3000"), PORT).status());
        assertEquals(1, retrains.get());
    }

    @Test
    void anotherHostAnotherPortAnotherOriginOrACrossSiteRequestIs403AndRunsNothing() throws IOException {
        List<GatewayRequest> refused = List.of(
                post("/local/retrain"),
                post("/local/retrain", "Host", "evil.example"),
                post("/local/retrain", "Host", "evil.example:3000"),
                post("/local/retrain", "Host", "127.0.0.1.evil.example:3000"),
                post("/local/retrain", "Host", "127.0.0.1:3001"),
                post("/local/retrain", "Host", "127.0.0.1"),
                post("/local/retrain", "Host", "127.0.0.1:3000", "Host", "evil.example"),
                post("/local/retrain", "Host", "127.0.0.1:3000", "Origin", "https://evil.example"),
                post("/local/retrain", "Host", "127.0.0.1:3000", "Origin", "null"),
                post("/local/retrain", "Host", "127.0.0.1:3000", "Origin", "http://localhost:8080"),
                post("/local/retrain", "Host", "127.0.0.1:3000", "Origin", "https://127.0.0.1:3000"),
                post("/local/retrain", "Host", "127.0.0.1:3000", "Sec-Fetch-Site", "cross-site"),
                post("/local/token", "Host", "evil.example:3000"),
                post("/local/health", "Host", "evil.example:3000"));
        for (GatewayRequest request : refused) {
            GatewayReply reply = routes.handle(request, PORT);
            assertEquals(403, reply.status(), request.headers().toString());
            assertEquals("application/json", reply.header("content-type"));
            JsonNode body = JSON.readTree(reply.body());
            assertEquals(1, body.size(), body.toString());
            assertTrue(body.get("message").asText().startsWith("Forbidden: "), body.toString());
        }
        assertEquals(0, retrains.get(), "no refused request retrained");
    }
}
