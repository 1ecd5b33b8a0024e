package io.musicrec.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that found its route and passed the edge's checks, as an endpoint sees it: the caller
 * (the JWT subject), the query, the decoded body (empty when none), the request id for logs, and the
 * headers with lower-case names, repeats joined with a comma as API Gateway hands them over.
 */
public record Call(String caller, QueryString query, byte[] body, String requestId, Map<String, String> headers) {

    /** All parts are required; header names are lower-cased, the map copied. */
    public Call {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestId, "requestId");
        Map<String, String> lower = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> {
            if (name != null && value != null) {
                lower.merge(name.toLowerCase(Locale.ROOT), value, (first, next) -> first + "," + next);
            }
        });
        headers = Map.copyOf(lower);
    }

    /** A call without headers. */
    public Call(String caller, QueryString query, byte[] body, String requestId) {
        this(caller, query, body, requestId, Map.of());
    }

    /** The value of header {@code name} (any case), if sent. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** True when the body holds anything but whitespace. */
    public boolean hasBody() {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }
}
