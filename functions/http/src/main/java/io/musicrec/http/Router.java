package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The route table: method and path to {@link Endpoint}. Before an endpoint runs, a request passes, in
 * this order: the path (404 {@code not_found}), the method (405 with {@code Allow}), the authorizer's
 * {@code sub} (401), the decoded body's size, at most {@value #MAX_BODY_BYTES} bytes (413; bad base64 is
 * 400), and the query string ({@link QueryString}). Paths match exactly, after a named stage's prefix
 * ({@code /prod/plays}) is taken off.
 */
public final class Router {

    /** The largest body any route takes: 16 KiB, counted after base64 decoding. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();

    /** Adds {@code method path}; returns this router. */
    public Router add(String method, String path, Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).putIfAbsent(method, endpoint) != null) {
            throw new IllegalArgumentException("route " + method + " " + path + " is already taken");
        }
        return this;
    }

    /** Every route as {@code METHOD /path}, in the order added. */
    public List<String> routes() {
        // Plain loops, no streams: the read function checks its routes at a cold start.
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Map<String, Endpoint>> path : routes.entrySet()) {
            for (String method : path.getValue().keySet()) {
                keys.add(method + " " + path.getKey());
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Runs the request's endpoint.
     *
     * @throws RejectedRequest for a client error, the endpoint's included
     */
    public HttpResponse route(APIGatewayV2HTTPEvent event, String requestId) {
        if (!HttpEvents.isHttpApiEvent(event)) {
            throw ClientError.badRequest("bad_request", "not an API Gateway HTTP API (payload format 2.0) event");
        }
        String path = HttpEvents.path(event);
        Map<String, Endpoint> methods = routes.get(path);
        if (methods == null) {
            throw ClientError.of(404, "not_found", "there is no route " + shown(path) + "; the routes are "
                    + String.join(", ", routes())).reject();
        }
        String method = event.getRequestContext().getHttp().getMethod();
        Endpoint endpoint = methods.get(method);
        if (endpoint == null) {
            String allow = String.join(", ", methods.keySet());
            throw new ClientError(405, "method_not_allowed", shown(method) + " is not allowed on " + path + "; use " + allow,
                    Map.of("allow", allow)).reject();
        }
        String caller = Caller.subject(event).orElseThrow(() -> ClientError.of(401, "unauthorized",
                "a valid bearer token is required: no usable sub claim reached the function").reject());
        byte[] body = body(event);
        QueryString query = event.getRawQueryString() != null
                ? QueryString.parse(event.getRawQueryString())
                : QueryString.of(event.getQueryStringParameters());
        return endpoint.handle(new Call(caller, query, body, requestId, event.getHeaders() == null ? Map.of() : event.getHeaders()));
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            // Four base64 characters carry three bytes: a longer text cannot decode to an allowed size.
            if (body.length() > (MAX_BODY_BYTES + 2) / 3 * 4 + 4) {
                throw tooLarge("more than " + MAX_BODY_BYTES);
            }
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ClientError.badRequest("invalid_body", "the body is marked base64-encoded but is not valid base64");
            }
        } else {
            // UTF-8 takes at least one byte per char, so a longer string is too large before encoding it.
            if (body.length() > MAX_BODY_BYTES) {
                throw tooLarge("more than " + MAX_BODY_BYTES);
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge(Integer.toString(bytes.length));
        }
        return bytes;
    }

    private static RejectedRequest tooLarge(String size) {
        return ClientError.of(413, "body_too_large", "the body is " + size + " bytes; the limit is " + MAX_BODY_BYTES
                + " bytes (16 KiB)").reject();
    }

    private static String shown(String text) {
        return ClientError.quoted(text, 60);
    }
}
