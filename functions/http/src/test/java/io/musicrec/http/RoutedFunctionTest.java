package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A routed function's answers: the endpoint's, a client error's 4xx, its 503, and 500 for the rest. */
class RoutedFunctionTest {

    /** What the endpoint does on the next call. */
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private final RoutedFunction function = new RoutedFunction(List.of("POST /things"),
            new Router().add("POST", "/things", call -> {
                RuntimeException e = failure.get();
                if (e != null) {
                    throw e;
                }
                return HttpResponse.json(201, "{\"made\":true}");
            }),
            new RoutedFunction.Unavailable(List.of(IllegalStateException.class, UncheckedIOException.class), "store_unavailable",
                    "the store is away", "the store did not answer"),
            LoggerFactory.getLogger(RoutedFunctionTest.class));

    private static APIGatewayV2HTTPEvent event(String method, String path) {
        APIGatewayV2HTTPEvent event = RouterTest.event(method, path, "alice");
        event.getRequestContext().setRequestId("req-7");
        return event;
    }

    @Test
    void theEndpointsResponseGoesBackAsItIs() {
        APIGatewayV2HTTPResponse response = function.handle(event("POST", "/things"), null);
        assertEquals(201, response.getStatusCode());
        assertEquals("{\"made\":true}", response.getBody());
    }

    @Test
    void aClientErrorIsItsOwn4xx() {
        assertEquals(404, function.handle(event("POST", "/nowhere"), null).getStatusCode());
        assertEquals(405, function.handle(event("GET", "/things"), null).getStatusCode());
    }

    @Test
    void aFailureOfTheNamedKindsIs503WithTheCodeAndTheRequestId() {
        failure.set(new IllegalStateException("connection refused to db.internal:5432"));
        APIGatewayV2HTTPResponse response = function.handle(event("POST", "/things"), null);
        assertEquals(503, response.getStatusCode());
        assertTrue(response.getBody().contains("\"code\":\"store_unavailable\""), response.getBody());
        assertTrue(response.getBody().contains("the store is away (request req-7)"), response.getBody());
        assertFalse(response.getBody().contains("db.internal"), "the exception is not shown: " + response.getBody());

        failure.set(new UncheckedIOException(new java.io.IOException("reset")));
        assertEquals(503, function.handle(event("POST", "/things"), null).getStatusCode());
    }

    @Test
    void anyOtherFailureIs500WithoutDetails() {
        failure.set(new IllegalArgumentException("secret detail"));
        APIGatewayV2HTTPResponse response = function.handle(event("POST", "/things"), null);
        assertEquals(500, response.getStatusCode());
        assertTrue(response.getBody().contains("\"code\":\"internal_error\""), response.getBody());
        assertTrue(response.getBody().contains("request req-7"), response.getBody());
        assertFalse(response.getBody().contains("secret detail"), response.getBody());
    }

    @Test
    void aRouterThatDoesNotServeTheRouteTablesRoutesIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new RoutedFunction(List.of("POST /things", "GET /things"),
                new Router().add("POST", "/things", call -> HttpResponse.json(200, "{}")),
                new RoutedFunction.Unavailable(List.of(IllegalStateException.class), "x", "y", "z"),
                LoggerFactory.getLogger(RoutedFunctionTest.class)));
        assertTrue(refused.getMessage().contains("GET /things"), refused.getMessage());
    }
}
