package io.musicrec.http;

import java.util.Objects;

/**
 * A request that found its route and passed the edge's checks, as an endpoint sees it.
 *
 * @param caller    the JWT subject: the user the request acts for
 * @param query     the query parameters
 * @param body      the decoded body, at most {@link Router#MAX_BODY_BYTES}; empty when none was sent
 * @param requestId API Gateway's request id, for logs
 */
public record Call(String caller, QueryString query, byte[] body, String requestId) {

    /** All parts are required. */
    public Call {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestId, "requestId");
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
