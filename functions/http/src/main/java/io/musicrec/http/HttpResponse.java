package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A response with a JSON body. Every response is JSON and marked {@code no-store}: each one is
 * about its caller, and a shared cache must not keep it.
 *
 * @param status  the HTTP status
 * @param body    the JSON text
 * @param headers extra headers (lower-case names)
 */
public record HttpResponse(int status, String body, Map<String, String> headers) {

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

    private static String errorBody(String code, String message) {
        return Responses.errorBody(code, message);
    }

    /** The API Gateway payload-2.0 form. */
    public APIGatewayV2HTTPResponse toEvent() {
        return Responses.json(status, body, headers);
    }
}
