package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.http.testing.SampleHttpEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The parts of the edge the read function uses without jackson-databind: caller, path, error bodies, the route table. */
class EdgeWithoutJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void errorBodiesAreJsonWhateverTheMessageHolds() throws Exception {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 snowman \u2603 emoji \uD83C\uDFB5 lone \uD800 end";

        String body = HttpResponse.error(ClientError.of(404, "not_found", awkward)).toEvent().getBody();

        JsonNode error = JSON.readTree(body).get("error");
        assertEquals("not_found", error.get("code").asText());
        assertEquals(awkward.replace('\uD800', '\uFFFD'), error.get("message").asText().replace('\uD800', '\uFFFD'));
        assertFalse(body.contains("\uD800"), "a lone surrogate is escaped, not written raw");
        assertTrue(body.contains("lone \\uD800 end"), body);
    }

    @Test
    void httpResponseWritesErrorsInTheSameShape() {
        ClientError error = new ClientError(405, "method_not_allowed", "use \"POST\"", Map.of("allow", "POST"));

        var event = HttpResponse.error(error).toEvent();

        assertEquals(HttpResponse.serverError(405, "method_not_allowed", "use \"POST\"").body(), event.getBody());
        assertEquals("{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"use \\\"POST\\\"\"}}", event.getBody());
        assertEquals("POST", event.getHeaders().get("allow"));
        assertEquals("no-store", event.getHeaders().get("cache-control"));
        assertEquals("application/json", event.getHeaders().get("content-type"));
    }

    @Test
    void callerIsTheSubClaimWhenItIsUsable() {
        assertTrue(Caller.isUsable("7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17"));
        assertTrue(Caller.isUsable("auth0|5f7c8ec7c33c6c004bbafe82"));
        assertTrue(Caller.isUsable("x".repeat(255)));
        assertTrue(Caller.isUsable("\uD83C\uDFB5"));
        assertFalse(Caller.isUsable(null));
        assertFalse(Caller.isUsable(""));
        assertFalse(Caller.isUsable("   "));
        assertFalse(Caller.isUsable("x".repeat(256)));
        assertFalse(Caller.isUsable("a\0b"));
        assertFalse(Caller.isUsable("a\uD800"));
        assertFalse(Caller.isUsable("\uDC00a"));
        assertEquals("sample", Caller.subject(SampleHttpEvents.as(SampleHttpEvents.READ, "sample")).orElseThrow());
        assertTrue(Caller.subject(SampleHttpEvents.anonymous(SampleHttpEvents.load(SampleHttpEvents.READ))).isEmpty());
        assertTrue(Caller.subject(null).isEmpty());
    }

    @Test
    void namedStageIsTakenOffThePath() {
        APIGatewayV2HTTPEvent event = SampleHttpEvents.load(SampleHttpEvents.READ);
        assertEquals("/recommendations", HttpEvents.path(event));

        event.setRawPath("/prod/recommendations");
        event.getRequestContext().setStage("prod");
        assertEquals("/recommendations", HttpEvents.path(event));

        event.getRequestContext().setStage("$default");
        assertEquals("/prod/recommendations", HttpEvents.path(event));
    }

    @Test
    void theRouteTableNamesEachRouteOnceAndEverySampleEventsRouteIsInIt() {
        Set<String> keys = new TreeSet<>();
        RouteTable.ROUTES.forEach(route -> assertTrue(keys.add(route.key()), route.key() + " twice"));
        assertEquals(List.of("POST /plays", "GET /artists"), RouteTable.servedBy(RouteTable.API_FUNCTION));
        assertEquals(List.of("POST /users"), RouteTable.servedBy(RouteTable.USERS_FUNCTION));
        assertEquals(List.of("POST /model/recommendations"), RouteTable.servedBy(RouteTable.MODEL_FUNCTION));
        assertEquals(List.of("GET /recommendations"), RouteTable.servedBy(RouteTable.READER_FUNCTION));
        for (String file : List.of(SampleHttpEvents.REGISTER, SampleHttpEvents.PLAY, SampleHttpEvents.SEARCH, SampleHttpEvents.MODEL, SampleHttpEvents.READ)) {
            String routeKey = SampleHttpEvents.load(file).getRouteKey();
            assertTrue(RouteTable.functionsByRoute().containsKey(routeKey), file + ": " + routeKey);
        }
    }
}
