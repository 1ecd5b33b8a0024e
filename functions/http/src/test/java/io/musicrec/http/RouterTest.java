package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The checks every request passes before its endpoint, in their order. */
class RouterTest {

    private final AtomicReference<Call> reached = new AtomicReference<>();
    private final Router router = new Router()
            .add("POST", "/plays", call -> {
                reached.set(call);
                return HttpResponse.json(200, "{}");
            })
            .add("GET", "/plays", call -> HttpResponse.json(200, "[]"));

    /** An HTTP API 2.0 event for {@code method path}, from {@code sub} (null: no claims). */
    static APIGatewayV2HTTPEvent event(String method, String path, String sub) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRawQueryString("");
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setStage("$default");
        if (sub != null) {
            var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(Map.of("sub", sub));
            var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            context.setAuthorizer(authorizer);
        }
        event.setRequestContext(context);
        return event;
    }

    private ClientError rejected(APIGatewayV2HTTPEvent event) {
        return assertThrows(RejectedRequest.class, () -> router.route(event, "r-1")).error();
    }

    @Test
    void theEndpointSeesTheHeadersByAnyCaseOfTheirNames() {
        APIGatewayV2HTTPEvent event = event("POST", "/plays", "alice");
        event.setHeaders(Map.of("idempotency-key", "k-1", "Content-Type", "application/json"));

        router.route(event, "r-1");

        assertEquals("k-1", reached.get().header("Idempotency-Key").orElseThrow());
        assertEquals("application/json", reached.get().header("content-type").orElseThrow());
        assertEquals(Optional.empty(), reached.get().header("x-absent"));
        router.route(event("POST", "/plays", "alice"), "r-2");
        assertEquals(Map.of(), reached.get().headers(), "an event without headers");
    }

    @Test
    void notFoundComesBeforeMethodAndMethodBeforeAuthentication() {
        assertEquals(404, rejected(event("DELETE", "/nowhere", null)).status());
        ClientError wrongMethod = rejected(event("DELETE", "/plays", null));
        assertEquals(405, wrongMethod.status());
        assertEquals(Map.of("allow", "POST, GET"), wrongMethod.headers());
        assertEquals(401, rejected(event("POST", "/plays", null)).status());
    }

    @Test
    void authenticationComesBeforeTheBodySize() {
        APIGatewayV2HTTPEvent event = event("POST", "/plays", null);
        event.setBody("x".repeat(Router.MAX_BODY_BYTES + 1));
        assertEquals(401, rejected(event).status());
        assertEquals(413, rejected(withBody(event("POST", "/plays", "alice"), "x".repeat(Router.MAX_BODY_BYTES + 1))).status());
    }

    @Test
    void theEndpointGetsTheCallerTheDecodedBodyAndTheQuery() {
        APIGatewayV2HTTPEvent event = event("POST", "/plays", "alice");
        event.setRawQueryString("a=1");
        event.setBody(Base64.getEncoder().encodeToString("{\"artist_id\": 1}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        router.route(event, "r-2");

        assertEquals("alice", reached.get().caller());
        assertEquals("r-2", reached.get().requestId());
        assertArrayEquals("{\"artist_id\": 1}".getBytes(StandardCharsets.UTF_8), reached.get().body());
        assertEquals("1", reached.get().query().text("a").orElseThrow());
    }

    @Test
    void bodyLimitCountsBytesAfterDecoding() {
        String exactly = "é".repeat(Router.MAX_BODY_BYTES / 2);
        router.route(withBody(event("POST", "/plays", "alice"), exactly), "r");
        assertEquals(Router.MAX_BODY_BYTES, reached.get().body().length);
        assertEquals(413, rejected(withBody(event("POST", "/plays", "alice"), exactly + "a")).status());
    }

    @Test
    void withoutRawQueryStringTheDecodedParametersAreUsed() {
        APIGatewayV2HTTPEvent event = event("POST", "/plays", "alice");
        event.setRawQueryString(null);
        event.setQueryStringParameters(Map.of("n", "5"));

        router.route(event, "r");

        assertEquals("5", reached.get().query().text("n").orElseThrow());
    }

    @Test
    void routesAreListedInOrder() {
        assertEquals(List.of("POST /plays", "GET /plays"), router.routes());
        assertThrows(IllegalArgumentException.class, () -> router.add("GET", "/plays", call -> null));
    }

    private static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        return event;
    }
}
