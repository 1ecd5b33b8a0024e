package io.musicrec.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KillArgs;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.cache.RecommendationDocument.Status;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.RedisServer;
import io.musicrec.local.services.ServerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.crac.Core;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handler over a real Redis (embedded, or {@code REDIS_URL}), driven with {@code events/reader-get-recommendations.json}. */
class ReaderHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The creation time of the model the documents below name. */
    private static final Instant MODEL_CREATED = Instant.parse("2026-11-28T03:00:00Z");

    private static LocalServices services;
    private static RedisConnection connection;
    private static RedisRecommendationCache cache;
    private static ReaderHandler handler;

    @BeforeAll
    static void start() {
        services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.REDIS), System::getenv);
        connection = RedisConnection.open(services.redisUrl().orElseThrow());
        cache = new RedisRecommendationCache(connection);
        handler = new ReaderHandler(cache);
    }

    @AfterAll
    static void stop() {
        connection.close();
        services.close();
    }

    private static String newUser() {
        return "reader-it-" + UUID.randomUUID();
    }

    @Test
    void servesExactlyTheDocumentTheCacheHolds() {
        String user = newUser();
        RecommendationDocument document = new RecommendationDocument(Status.READY, "lastfm-2k-v1",
                Instant.parse("2026-11-28T15:48:12.345Z"), 10, List.of(
                new Item(72, "Depeche Mode", "Enjoy the Silence", "https://i.scdn.co/image/ab67", "https://open.spotify.com/track/6WK9", 0.8125, List.of(289, 89)),
                new Item(2565, "Björk \"Guðmundsdóttir\" ☃", null, null, null, 0.5, List.of(289))));
        cache.putIfNotOlder(user, document, MODEL_CREATED);

        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.READ, user), null);

        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("content-type"));
        assertEquals(cache.getJson(user).orElseThrow(), response.getBody(), "byte for byte what is stored");
        assertEquals(document, CacheJson.read(response.getBody()));
    }

    @Test
    void servesTheNewerDocumentOnceTheWorkerHasReplacedTheSuggestions() {
        String user = newUser();
        cache.putIfAbsent(user, new RecommendationDocument(Status.SUGGESTIONS, "lastfm-2k-v1", Instant.parse("2026-11-28T10:00:00Z"), 0,
                List.of(new Item(289, "Britney Spears", null, null, null, 0.1, List.of()))));
        String before = handler.handle(SampleHttpEvents.as(SampleHttpEvents.READ, user), null).getBody();

        cache.putIfNotOlder(user, new RecommendationDocument(Status.READY, "lastfm-2k-v1", Instant.parse("2026-11-28T10:05:00Z"), 5,
                List.of(new Item(292, "Christina Aguilera", null, null, null, 0.9, List.of(289)))), MODEL_CREATED);
        String after = handler.handle(SampleHttpEvents.as(SampleHttpEvents.READ, user), null).getBody();

        assertEquals("suggestions", status(before));
        assertEquals("ready", status(after));
        assertEquals(cache.getJson(user).orElseThrow(), after);
    }

    @Test
    void answersTheEmptyDocumentForAUserWithNothingStored() {
        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.READ, newUser()), null);

        assertEquals(200, response.getStatusCode());
        assertEquals(RecommendationDocument.empty(), CacheJson.read(response.getBody()));
        assertEquals("empty", status(response.getBody()));
    }

    @Test
    void answers401WithoutAUsableSubClaim() {
        List<Consumer<APIGatewayV2HTTPEvent>> withoutCaller = List.of(
                event -> event.getRequestContext().setAuthorizer(null),
                event -> event.getRequestContext().getAuthorizer().setJwt(null),
                event -> event.getRequestContext().getAuthorizer().getJwt().setClaims(null),
                event -> claims(event, claims -> claims.remove("sub")),
                event -> claims(event, claims -> claims.put("sub", "")),
                event -> claims(event, claims -> claims.put("sub", "   ")),
                event -> claims(event, claims -> claims.put("sub", "x".repeat(256))));
        for (Consumer<APIGatewayV2HTTPEvent> change : withoutCaller) {
            APIGatewayV2HTTPEvent event = SampleHttpEvents.load(SampleHttpEvents.READ);
            change.accept(event);

            APIGatewayV2HTTPResponse response = handler.handle(event, null);

            assertEquals(401, response.getStatusCode());
            assertEquals("unauthorized", errorCode(response));
        }
    }

    @Test
    void answers404ForOtherPathsAnd405WithAllowForOtherMethods() {
        for (String path : List.of("/", "/recommendation", "/recommendations/", "/recommendations/alice", "/users")) {
            APIGatewayV2HTTPEvent event = SampleHttpEvents.as(SampleHttpEvents.READ, newUser());
            event.setRawPath(path);
            APIGatewayV2HTTPResponse response = handler.handle(event, null);
            assertEquals(404, response.getStatusCode(), path);
            assertEquals("not_found", errorCode(response));
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "HEAD")) {
            APIGatewayV2HTTPEvent event = SampleHttpEvents.as(SampleHttpEvents.READ, newUser());
            event.getRequestContext().getHttp().setMethod(method);
            APIGatewayV2HTTPResponse response = handler.handle(event, null);
            assertEquals(405, response.getStatusCode(), method);
            assertEquals("GET", response.getHeaders().get("allow"));
            assertEquals("method_not_allowed", errorCode(response));
        }
    }

    @Test
    void servesTheDocumentUnderANamedStage() {
        String user = newUser();
        cache.putIfNotOlder(user, new RecommendationDocument(Status.READY, "m", Instant.parse("2026-11-28T10:05:00Z"), 5, List.of()), MODEL_CREATED);
        APIGatewayV2HTTPEvent event = SampleHttpEvents.as(SampleHttpEvents.READ, user);
        event.setRawPath("/prod/recommendations");
        event.getRequestContext().setStage("prod");

        APIGatewayV2HTTPResponse response = handler.handle(event, null);

        assertEquals(200, response.getStatusCode());
        assertEquals(cache.getJson(user).orElseThrow(), response.getBody());
    }

    @Test
    void answers503WithoutDetailsWhenRedisIsGone() {
        RedisServer doomed = RedisServer.start(ServerOptions.ephemeral());
        try (RedisConnection lost = RedisConnection.open(doomed.url(), Duration.ofMillis(500))) {
            ReaderHandler cut = new ReaderHandler(new RedisRecommendationCache(lost));
            doomed.close();

            APIGatewayV2HTTPResponse response = cut.handle(SampleHttpEvents.as(SampleHttpEvents.READ, newUser()), null);

            assertEquals(503, response.getStatusCode());
            assertEquals("service_unavailable", errorCode(response));
            assertTrue(response.getBody().contains("Cx1aUkqyIAMEVdA="), "names the request id for the logs");
            assertFalse(response.getBody().toLowerCase().contains("exception"), response.getBody());
            assertFalse(response.getBody().contains("127.0.0.1"), response.getBody());
        }
    }

    @Test
    void servesFromANewConnectionAfterARestoreWhoseOldOneRedisDropped() {
        try (RedisConnection snapshotted = RedisConnection.open(services.redisUrl().orElseThrow())) {
            ReaderHandler restored = new ReaderHandler(snapshotted);
            String user = newUser();
            cache.putIfAbsent(user, new RecommendationDocument(Status.SUGGESTIONS, null, Instant.parse("2026-03-01T12:00:00Z"), 0, List.of()));
            long before = snapshotted.sync().clientId();
            connection.sync().clientKill(KillArgs.Builder.id(before));

            restored.restoreHooks().afterRestore(Core.getGlobalContext());

            assertNotEquals(before, snapshotted.sync().clientId(), "a new connection");
            APIGatewayV2HTTPResponse response = restored.handle(SampleHttpEvents.as(SampleHttpEvents.READ, user), null);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals(cache.getJson(user).orElseThrow(), response.getBody());
        }
    }

    private static void claims(APIGatewayV2HTTPEvent event, Consumer<Map<String, String>> change) {
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        change.accept(claims);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
    }

    private static String status(String body) {
        try {
            return JSON.readTree(body).get("status").asText();
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static String errorCode(APIGatewayV2HTTPResponse response) {
        try {
            JsonNode root = JSON.readTree(response.getBody());
            assertEquals(1, root.size(), "only 'error' at the top");
            assertEquals(2, root.get("error").size(), "code and message");
            assertFalse(root.get("error").get("message").asText().isBlank());
            return root.get("error").get("code").asText();
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }
}
