package io.musicrec.local.stack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The routes only the local stack has, under {@code /local/}, without the authorizer: {@code POST
 * /local/token} (a token the authorizer accepts), {@code POST /local/retrain} (runs the trainer now;
 * 409 while a run is going) and {@code GET /local/health}. Must not miss: they answer this machine
 * only. A {@code Host} other than a loopback name with the stack's port, or a browser's cross-site
 * {@code Origin} or {@code Sec-Fetch-Site}, is 403, or any web page could mint tokens or start a
 * retraining through the visitor's browser (a cross-site post, or DNS rebinding to 127.0.0.1).
 */
public final class LocalRoutes {

    /** The prefix of every local-only route. */
    public static final String PREFIX = "/local/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtAuthorizer authorizer;
    private final RetrainHook retrain;
    private final ReentrantLock retraining = new ReentrantLock();

    /**
     * @param authorizer issues the tokens
     * @param retrain    runs the trainer
     */
    public LocalRoutes(JwtAuthorizer authorizer, RetrainHook retrain) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.retrain = Objects.requireNonNull(retrain, "retrain");
    }

    /**
     * The reply to a request whose path starts with {@value #PREFIX}.
     *
     * @param request what arrived
     * @param port    the port the stack listens on
     */
    public GatewayReply handle(GatewayRequest request, int port) {
        Optional<String> refused = refusal(request, port);
        if (refused.isPresent()) {
            return GatewayReply.message(403, "Forbidden: " + refused.get());
        }
        return switch (request.rawPath()) {
            case "/local/token" -> request.method().equals("POST") ? token(request) : notAllowed("POST");
            case "/local/retrain" -> request.method().equals("POST") ? retrain() : notAllowed("POST");
            case "/local/health" -> request.method().equals("GET") ? GatewayReply.json(200, "{\"status\":\"ok\"}") : notAllowed("GET");
            default -> GatewayReply.message(404, "Not Found");
        };
    }

    private GatewayReply token(GatewayRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return GatewayReply.message(400, "the body must be JSON like {\"sub\": \"alice\"}");
        }
        if (body == null || !body.isObject() || !body.path("sub").isTextual()) {
            return GatewayReply.message(400, "the body must be JSON like {\"sub\": \"alice\"}");
        }
        JsonNode scope = body.get("scope");
        if (scope != null && !scope.isNull() && !scope.isTextual()) {
            return GatewayReply.message(400, "scope must be a string of space-separated scopes");
        }
        String token;
        try {
            token = authorizer.issue(body.get("sub").asText(), scope == null || scope.isNull() ? null : scope.asText());
        } catch (IllegalArgumentException e) {
            return GatewayReply.message(400, e.getMessage());
        }
        ObjectNode reply = JSON.createObjectNode()
                .put("token", token)
                .put("token_type", "Bearer")
                .put("expires_in", authorizer.settings().tokenLifetime().toSeconds());
        return GatewayReply.json(200, reply.toString());
    }

    private GatewayReply retrain() {
        if (!retraining.tryLock()) {
            return GatewayReply.message(409, "a retraining started from here is still running");
        }
        try {
            RetrainHook.Outcome outcome = retrain.retrain();
            return GatewayReply.json(outcome.failed() ? 500 : 200, outcome.summary());
        } finally {
            retraining.unlock();
        }
    }

    /** Why a request is not from this machine's own client, or empty when it is. */
    static Optional<String> refusal(GatewayRequest request, int port) {
        Set<String> loopback = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        String host = request.header("host");
        if (host == null || !loopback.contains(host.strip().toLowerCase(Locale.ROOT)) || request.headers().get("host").size() != 1) {
            return Optional.of("the local routes answer requests to 127.0.0.1:" + port + ", localhost:" + port + " or [::1]:" + port
                    + " only (the Host header)");
        }
        String origin = request.header("origin");
        Set<String> ownOrigins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
        if (origin != null && (request.headers().get("origin").size() != 1 || !ownOrigins.contains(origin.strip().toLowerCase(Locale.ROOT)))) {
            return Optional.of("the local routes take no cross-origin requests (the Origin header names another site)");
        }
        if ("cross-site".equalsIgnoreCase(String.valueOf(request.header("sec-fetch-site")).strip())) {
            return Optional.of("the local routes take no cross-site requests (Sec-Fetch-Site: cross-site)");
        }
        return Optional.empty();
    }

    private static GatewayReply notAllowed(String allowed) {
        return GatewayReply.message(405, "Method Not Allowed").withHeader("allow", allowed);
    }
}
