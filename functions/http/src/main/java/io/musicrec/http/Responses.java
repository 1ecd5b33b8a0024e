package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Responses in the payload-2.0 form: JSON bodies marked {@code no-store}, and the API's one error
 * shape {@code {"error":{"code":"...","message":"..."}}}. Written by hand (a fixed shape, a few
 * strings) so that the read function's path never initialises a JSON library; {@link HttpResponse}
 * uses the same code, so the shape is written in one place.
 */
public final class Responses {

    /** Every response's content type. */
    public static final String CONTENT_TYPE = "application/json";

    private Responses() {
    }

    /** A body that is already JSON, passed through as it is. */
    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    /** A body that is already JSON, with extra headers (lower-case names). */
    public static APIGatewayV2HTTPResponse json(int status, String body, Map<String, String> extraHeaders) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", CONTENT_TYPE);
        // Each response is about its caller: no shared cache may keep it.
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        response.setHeaders(headers);
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    /** An error in the API's shape. */
    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /** An error in the API's shape, with extra headers (e.g. {@code allow} on a 405). */
    public static APIGatewayV2HTTPResponse error(int status, String code, String message, Map<String, String> extraHeaders) {
        return json(status, errorBody(code, message), extraHeaders);
    }

    /** {@code {"error":{"code":CODE,"message":MESSAGE}}}. */
    public static String errorBody(String code, String message) {
        return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
    }

    /** {@code text} as a JSON string literal (RFC 8259 escapes; non-ASCII kept as it is, lone surrogates escaped). */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters, and lone surrogates, which are not valid in UTF-8 output.
                    boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(text.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
