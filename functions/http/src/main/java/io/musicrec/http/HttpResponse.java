package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every response of the HTTP functions: JSON, marked {@code no-store} (each one is about its caller,
 * and a shared cache must not keep it), and the API's one error shape {@code
 * {"error":{"code":"...","message":"..."}}}, written here only. Must not miss: nothing here but {@link
 * #json(int, JsonNode)} touches jackson-databind, so the read function's path loads jackson-core only.
 *
 * @param status  the HTTP status
 * @param body    the JSON text
 * @param headers extra headers (lower-case names)
 */
public record HttpResponse(int status, String body, Map<String, String> headers) {

    /** Every response's content type. */
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Status 100..599 and a body; headers copied. */
    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, got " + status);
        }
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** {@code status} with {@code json}, text that is already JSON (a cached document, passed through). */
    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, json, Map.of());
    }

    /** {@code status} with {@code json} written out. */
    public static HttpResponse json(int status, JsonNode json) {
        return new HttpResponse(status, Json.write(json), Map.of());
    }

    /** The client error's status, headers and {@code {"error":{"code","message"}}} body. */
    public static HttpResponse error(ClientError error) {
        return new HttpResponse(error.status(), errorBody(error.code(), error.message()), error.headers());
    }

    /** A server-side failure: a generic message that names the request for the logs, nothing else. */
    public static HttpResponse serverError(int status, String code, String message) {
        return new HttpResponse(status, errorBody(code, message), Map.of());
    }

    /**
     * Written through UTF-8, whose generator escapes every UTF-16 surrogate ({@code \uD83C\uDFB5}): a
     * lone one, which a message may quote from a request, cannot reach the client as invalid UTF-8.
     */
    private static String errorBody(String code, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.length());
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array does not fail", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The API Gateway payload-2.0 form. */
    public APIGatewayV2HTTPResponse toEvent() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", CONTENT_TYPE);
        all.put("cache-control", "no-store");
        all.putAll(headers);
        response.setHeaders(all);
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }
}
