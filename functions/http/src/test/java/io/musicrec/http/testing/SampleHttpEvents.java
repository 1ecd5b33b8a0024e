package io.musicrec.http.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sample events in the repository's {@code events/}, read the way the Lambda Java runtime reads
 * them ({@code aws-lambda-java-serialization}), and small changes to them for a test's case. Each
 * file is named after the function it is for (the deployment tests check that it belongs there).
 */
public final class SampleHttpEvents {

    /** {@code POST /users} (the users function). */
    public static final String REGISTER = "users-register.json";
    /** {@code POST /plays} (the API function). */
    public static final String PLAY = "api-play.json";
    /** {@code GET /artists} (the API function). */
    public static final String SEARCH = "api-search-artists.json";
    /** {@code POST /model/recommendations} (the ML function). */
    public static final String MODEL = "ml-model-recommendations.json";
    /** {@code GET /recommendations} (the read function). */
    public static final String READ = "reader-get-recommendations.json";

    private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, SampleHttpEvents.class.getClassLoader());
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleHttpEvents() {
    }

    /** {@code events/} at the root of the checkout, found upwards from the working directory. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("functions"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
    }

    /** A fresh copy of {@code events/<name>}. */
    public static APIGatewayV2HTTPEvent load(String name) {
        try (InputStream in = Files.newInputStream(directory().resolve(name))) {
            return SERIALIZER.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code events/<name>} with {@code sub} as the caller. */
    public static APIGatewayV2HTTPEvent as(String name, String sub) {
        APIGatewayV2HTTPEvent event = load(name);
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("sub", sub);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    /** The same event with another plain-text body (null for none). */
    public static APIGatewayV2HTTPEvent body(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        event.setIsBase64Encoded(false);
        if (body == null) {
            event.getHeaders().remove("content-length");
        } else {
            event.getHeaders().put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        return event;
    }

    /** The same event with one more header (API Gateway lower-cases names). */
    public static APIGatewayV2HTTPEvent header(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put(name.toLowerCase(Locale.ROOT), value);
        event.setHeaders(headers);
        return event;
    }

    /** The same event with a body API Gateway base64-encoded (as it does for binary content types). */
    public static APIGatewayV2HTTPEvent base64Body(APIGatewayV2HTTPEvent event, byte[] body) {
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        event.getHeaders().put("content-length", Integer.toString(body.length));
        return event;
    }

    /** The same event with another raw query string (and the decoded map API Gateway sends alongside). */
    public static APIGatewayV2HTTPEvent query(APIGatewayV2HTTPEvent event, String rawQuery) {
        event.setRawQueryString(rawQuery);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                parameters.merge(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1), (a, b) -> a + "," + b);
            }
        }
        event.setQueryStringParameters(parameters.isEmpty() ? null : parameters);
        return event;
    }

    /** The same event with another method and path, as API Gateway would send for that request. */
    public static APIGatewayV2HTTPEvent route(APIGatewayV2HTTPEvent event, String method, String path) {
        event.setRawPath(path);
        event.setRouteKey("$default");
        event.getRequestContext().setRouteKey("$default");
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        return event;
    }

    /** The same event without the JWT authorizer's context. */
    public static APIGatewayV2HTTPEvent anonymous(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().setAuthorizer(null);
        return event;
    }

    /** The response body as a tree. */
    public static JsonNode json(APIGatewayV2HTTPResponse response) {
        return parse(response.getBody());
    }

    /** JSON text as a tree. */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A new object node, for expected values. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The error code of a response in the error shape, checking the shape on the way. */
    public static String errorCode(APIGatewayV2HTTPResponse response) {
        JsonNode root = json(response);
        if (root.size() != 1 || !root.has("error") || root.get("error").size() != 2
                || !root.get("error").get("code").isTextual() || !root.get("error").get("message").isTextual()
                || root.get("error").get("message").asText().isBlank()) {
            throw new AssertionError("not {\"error\":{\"code\",\"message\"}}: " + response.getBody());
        }
        return root.get("error").get("code").asText();
    }
}
