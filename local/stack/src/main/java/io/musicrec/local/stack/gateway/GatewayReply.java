package io.musicrec.local.stack.gateway;

import io.musicrec.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response about to be written: status, headers (lower-case names, several values each)
 * and body bytes.
 *
 * @param status  the HTTP status
 * @param headers header name to values
 * @param body    the body; empty for none
 */
public record GatewayReply(int status, Map<String, List<String>> headers, byte[] body) {

    /** Status 100..599; names lower-cased, collections copied. */
    public GatewayReply {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, got " + status);
        }
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /**
     * A JSON reply.
     *
     * @param status the status
     * @param json   the body, JSON text
     */
    public static GatewayReply json(int status, String json) {
        return new GatewayReply(status, Map.of("content-type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * API Gateway's own answer, {@code {"message":"..."}}, for what it refuses before any function runs.
     *
     * @param status  the status
     * @param message e.g. {@code Unauthorized}
     */
    public static GatewayReply message(int status, String message) {
        return json(status, Json.write(Json.object().put("message", message)));
    }

    /** The same reply with one more header value. */
    public GatewayReply withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.merge(name.toLowerCase(Locale.ROOT), List.of(value), (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        });
        return new GatewayReply(status, more, body);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
