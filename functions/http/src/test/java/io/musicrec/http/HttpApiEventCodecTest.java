package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.http.testing.SampleHttpEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP functions' own reading of Lambda's event JSON, against the runtime's serializer it replaces. */
class HttpApiEventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, HttpApiEventCodecTest.class.getClassLoader());

    private static APIGatewayV2HTTPEvent read(String json) throws IOException {
        return HttpApiEventCodec.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event as the runtime's serializer writes it: what both readings are compared by. */
    private static JsonNode written(APIGatewayV2HTTPEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RUNTIME.toJson(event, out);
        return JSON.readTree(out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {SampleHttpEvents.PLAY, SampleHttpEvents.SEARCH, SampleHttpEvents.REGISTER, SampleHttpEvents.MODEL, SampleHttpEvents.READ})
    void everySampleEventReadsAsTheRuntimesSerializerReadsIt(String name) throws IOException {
        byte[] json = Files.readAllBytes(SampleHttpEvents.directory().resolve(name));

        APIGatewayV2HTTPEvent ours = HttpApiEventCodec.readEvent(new ByteArrayInputStream(json));
        APIGatewayV2HTTPEvent runtimes = RUNTIME.fromJson(new ByteArrayInputStream(json));

        assertEquals(written(runtimes), written(ours), name);
        assertFalse(ours.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub").isEmpty(), name);
    }

    @Test
    void scalarsInTextMapsBecomeTheirTextAndBase64AndEpochAreRead() throws IOException {
        APIGatewayV2HTTPEvent event = read("""
                {"rawPath":"/plays","isBase64Encoded":true,"body":"e30=","cookies":["a=1","b=2"],
                 "queryStringParameters":{"q":"radio head","n":10},
                 "requestContext":{"timeEpoch":1795873693412,"http":{"method":"POST"},
                   "authorizer":{"jwt":{"claims":{"sub":"alice","exp":1795877292,"email_verified":true},"scopes":["a","b"]}}}}""");

        assertTrue(event.getIsBase64Encoded());
        assertEquals("e30=", event.getBody());
        assertEquals(List.of("a=1", "b=2"), event.getCookies());
        assertEquals(Map.of("q", "radio head", "n", "10"), event.getQueryStringParameters());
        assertEquals(1795873693412L, event.getRequestContext().getTimeEpoch());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals(Map.of("sub", "alice", "exp", "1795877292", "email_verified", "true"),
                event.getRequestContext().getAuthorizer().getJwt().getClaims());
        assertEquals(List.of("a", "b"), event.getRequestContext().getAuthorizer().getJwt().getScopes());
        assertNull(event.getHeaders(), "absent maps stay absent, as the runtime leaves them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[1,2]", "\"text\"", "42", "null", "{\"rawPath\":", "{not json}", "{\"a\":1} trailing"})
    void inputThatIsNotAJsonObjectReadsAsNoEvent(String input) throws IOException {
        APIGatewayV2HTTPEvent event = read(input);
        if (input.startsWith("{\"a\":1}")) {
            // The object is read; what follows it is not looked at (Lambda hands exactly one document).
            assertFalse(HttpEvents.isHttpApiEvent(event));
        } else {
            assertNull(event, input);
        }
    }

    @Test
    void bytesJacksonTakesForUtf32ReadAsNoEvent() throws IOException {
        for (byte[] input : List.of(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'}, new byte[] {0, 0, 0, '{', 0, 0, 0},
                new byte[] {0, 0, 0, '{'})) {
            assertNull(HttpApiEventCodec.readEvent(new ByteArrayInputStream(input)));
        }
    }

    @Test
    void theResponseIsWrittenAsApiGatewayReadsIt() throws IOException {
        APIGatewayV2HTTPResponse response = HttpResponse.error(
                new ClientError(405, "method_not_allowed", "use \"POST\" \u2603", Map.of("allow", "POST"))).toEvent();
        response.setCookies(List.of("c=1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        HttpApiEventCodec.writeResponse(response, out);

        JsonNode json = JSON.readTree(out.toByteArray());
        assertEquals(405, json.get("statusCode").asInt());
        assertEquals("POST", json.get("headers").get("allow").asText());
        assertEquals("application/json", json.get("headers").get("content-type").asText());
        assertEquals("c=1", json.get("cookies").get(0).asText());
        assertEquals(response.getBody(), json.get("body").asText());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        assertEquals(written(response), json, "the same JSON the runtime's serializer writes for the response");
    }

    @Test
    void aStreamedEventGetsTheSameResponseAsTheEventHandedOver() throws IOException {
        HttpApiFunction echo = (APIGatewayV2HTTPEvent event, Context context) -> HttpResponse.json(200,
                "{\"path\":\"" + (HttpEvents.isHttpApiEvent(event) ? HttpEvents.path(event) : "none") + "\"}").toEvent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        echo.handleRequest(Files.newInputStream(SampleHttpEvents.directory().resolve(SampleHttpEvents.PLAY)), out, null);

        JsonNode json = JSON.readTree(out.toByteArray());
        assertEquals(200, json.get("statusCode").asInt());
        assertEquals("{\"path\":\"/plays\"}", json.get("body").asText());
    }

    private static JsonNode written(APIGatewayV2HTTPResponse response) throws IOException {
        PojoSerializer<APIGatewayV2HTTPResponse> serializer =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, HttpApiEventCodecTest.class.getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(response, out);
        return JSON.readTree(out.toByteArray());
    }
}
