package io.musicrec.reader;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The function's responses: JSON bodies, and client errors in the API's one shape {@code
 * {"error":{"code":"...","message":"..."}}}. Written by hand (a fixed shape, a few strings) so
 * that the read path never initialises a JSON library.
 */
final class Responses {

    static final String CONTENT_TYPE = "application/json";

    private Responses() {
    }

    /** A JSON body that is already JSON, passed through as it is. */
    static APIGatewayV2HTTPResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    static APIGatewayV2HTTPResponse json(int status, String body, Map<String, String> extraHeaders) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("content-type", CONTENT_TYPE);
        // Each document belongs to one caller: no shared cache may keep it.
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        response.setHeaders(headers);
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    /** An error in the API's shape. */
    static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    static APIGatewayV2HTTPResponse error(int status, String code, String message, Map<String, String> extraHeaders) {
        return json(status, "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}", extraHeaders);
    }

    /** {@code text} as a JSON string literal (RFC 8259 escapes; non-ASCII kept as it is). */
    static String quote(String text) {
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
