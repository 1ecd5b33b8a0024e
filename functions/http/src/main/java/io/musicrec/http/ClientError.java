package io.musicrec.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;
import java.util.Objects;

/**
 * A client error as the client sees it: a 4xx status and {@code {"error":{"code","message"}}}. The
 * code is a stable snake_case token; the message says what was wrong and where (a JSON path or a query
 * parameter), never how the server works. {@code headers} are extra, e.g. {@code allow} on a 405.
 */
public record ClientError(int status, String code, String message, Map<String, String> headers) {

    /** A 4xx status, a snake_case code, a message; headers copied. */
    public ClientError {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a client error has a 4xx status, got " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!code.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("error codes are snake_case, got " + code);
        }
        headers = Map.copyOf(headers);
    }

    /** An error without extra headers. */
    public static ClientError of(int status, String code, String message) {
        return new ClientError(status, code, message, Map.of());
    }

    /** This error as an exception, to leave a parser from any depth. */
    public RejectedRequest reject() {
        return new RejectedRequest(this);
    }

    /** 400 with this code and message. */
    public static RejectedRequest badRequest(String code, String message) {
        return of(400, code, message).reject();
    }

    /**
     * {@code text} from the request as a JSON string literal for a message, cut to {@code max}
     * characters with {@code ..."}: jackson-core's escaping, without starting a generator.
     */
    static String quoted(String text, int max) {
        String quoted = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
        return quoted.length() <= max ? quoted : quoted.substring(0, max - 4) + "...\"";
    }
}
