package io.musicrec.http.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.HttpApiFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Walks a function's handler through rejected requests and collects every answer that is not the
 * expected 4xx with its code, the {@code {"error":{"code","message"}}} body, JSON content type and
 * (for a 405) its {@code Allow} header. Each function's {@code ClientErrorsIT} lists its cases, walks
 * them with {@link #assertEveryCase}, and then checks that nothing was written in the stores that
 * function has.
 */
public final class ClientErrorWalk {

    /**
     * One rejected request.
     *
     * @param name   what the case is, for the failure list
     * @param event  a fresh event each time
     * @param status the expected 4xx
     * @param code   the expected error code
     * @param allow  the expected {@code Allow} header, or null
     */
    public record Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String code, String allow) {

        /** A case without an {@code Allow} header to check. */
        public Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String code) {
            this(name, event, status, code, null);
        }

        /** Name, event, code required; a 4xx. */
        public Case {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(code, "code");
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException(name + ": a client error is a 4xx, got " + status);
            }
        }
    }

    private ClientErrorWalk() {
    }

    /** Every way a request can lack a usable caller, on {@code file}'s route: six 401 {@code unauthorized} cases. */
    public static List<Case> withoutACaller(String file, String user) {
        return List.of(
                new Case("no authorizer " + file, () -> SampleHttpEvents.anonymous(SampleHttpEvents.as(file, user)), 401, "unauthorized"),
                new Case("no claims " + file, () -> withClaims(SampleHttpEvents.as(file, user), null), 401, "unauthorized"),
                new Case("no sub " + file, () -> withClaims(SampleHttpEvents.as(file, user), Map.of("iss", "https://issuer")), 401, "unauthorized"),
                new Case("blank sub " + file, () -> SampleHttpEvents.as(file, "  "), 401, "unauthorized"),
                new Case("overlong sub " + file, () -> SampleHttpEvents.as(file, "u".repeat(256)), 401, "unauthorized"),
                new Case("lone surrogate sub " + file, () -> SampleHttpEvents.as(file, "user\uD800"), 401, "unauthorized"));
    }

    /** {@code file}'s event sent to another function's route: 404 {@code not_found} from this function. */
    public static Case elsewhere(String file, String user, String method, String path) {
        return new Case(method + " " + path + " (another function's)", () -> SampleHttpEvents.route(SampleHttpEvents.as(file, user), method, path),
                404, "not_found");
    }

    /** {@code file}'s event sent to {@code method path}, which no route of this function has: 404 {@code not_found}. */
    public static Case notFound(String name, String file, String user, String method, String path) {
        return new Case(name, () -> SampleHttpEvents.route(SampleHttpEvents.as(file, user), method, path), 404, "not_found");
    }

    /** {@code file}'s event sent to {@code method path}, a route of this function for other methods: 405 naming {@code allow}. */
    public static Case methodNotAllowed(String file, String user, String method, String path, String allow) {
        return new Case(method + " " + path, () -> SampleHttpEvents.route(SampleHttpEvents.as(file, user), method, path), 405,
                "method_not_allowed", allow);
    }

    /**
     * Sends every case and asserts that each was answered as expected, listing those that were not;
     * prints how many there were, under {@code function}'s name.
     */
    public static void assertEveryCase(String function, HttpApiFunction handler, List<Case> cases) {
        List<String> failures = walk(handler, cases);
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases answered wrongly");
        System.out.println("ClientErrorsIT (" + function + "): " + cases.size() + " rejected requests, each with its status and code");
    }

    /** Sends every case; the answers that were not as expected, one line each (empty when all were). */
    public static List<String> walk(HttpApiFunction handler, List<Case> cases) {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            APIGatewayV2HTTPResponse response = handler.handle(c.event().get(), null);
            String code;
            try {
                code = SampleHttpEvents.errorCode(response);
            } catch (AssertionError e) {
                failures.add(c.name() + ": " + e.getMessage());
                continue;
            }
            if (response.getStatusCode() != c.status() || !code.equals(c.code())) {
                failures.add(c.name() + ": expected " + c.status() + " " + c.code() + ", got " + response.getStatusCode() + " "
                        + response.getBody());
            }
            if (c.allow() != null && !c.allow().equals(response.getHeaders().get("allow"))) {
                failures.add(c.name() + ": expected Allow: " + c.allow() + ", got " + response.getHeaders());
            }
            if (!"application/json".equals(response.getHeaders().get("content-type"))) {
                failures.add(c.name() + ": content-type " + response.getHeaders().get("content-type"));
            }
        }
        return failures;
    }

    private static APIGatewayV2HTTPEvent withClaims(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims == null ? null : new HashMap<>(claims));
        return event;
    }
}
