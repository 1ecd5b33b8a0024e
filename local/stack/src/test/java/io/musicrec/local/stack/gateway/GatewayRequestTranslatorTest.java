package io.musicrec.local.stack.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayRequestTranslatorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T13:48:13.412Z");
    private static final JwtAuthorizer.Allowed ALICE = new JwtAuthorizer.Allowed(Map.of("sub", "alice", "exp", "1795877292"), null);

    private static GatewayRequest request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        return new GatewayRequest(method, path, query, headers, body, "127.0.0.1", "HTTP/1.1");
    }

    @Test
    void aPlayBecomesAPayloadTwoEventWithTheCallersClaims() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-type", List.of("application/json"));
        headers.put("User-Agent", List.of("curl/8.5.0"));
        headers.put("Host", List.of("127.0.0.1:3000"));
        GatewayRequest play = request("POST", "/plays", "", headers, "{\"artist_id\": 289}".getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPEvent event = GatewayRequestTranslator.toEvent(play, "POST /plays", ALICE, "Cx1aRgB9IAMEV3Q=", NOW, 3000);

        assertEquals("2.0", event.getVersion());
        assertEquals("POST /plays", event.getRouteKey());
        assertEquals("/plays", event.getRawPath());
        assertEquals("", event.getRawQueryString());
        assertNull(event.getQueryStringParameters());
        assertEquals("{\"artist_id\": 289}", event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals("curl/8.5.0", event.getHeaders().get("user-agent"));
        assertEquals("127.0.0.1", event.getHeaders().get("x-forwarded-for"));
        assertEquals("3000", event.getHeaders().get("x-forwarded-port"));
        assertTrue(event.getHeaders().get("x-amzn-trace-id").startsWith("Root=1-"));
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("POST", context.getHttp().getMethod());
        assertEquals("/plays", context.getHttp().getPath());
        assertEquals("HTTP/1.1", context.getHttp().getProtocol());
        assertEquals("127.0.0.1", context.getHttp().getSourceIp());
        assertEquals("curl/8.5.0", context.getHttp().getUserAgent());
        assertEquals("Cx1aRgB9IAMEV3Q=", context.getRequestId());
        assertEquals("POST /plays", context.getRouteKey());
        assertEquals("$default", context.getStage());
        assertEquals("28/Nov/2026:13:48:13 +0000", context.getTime());
        assertEquals(NOW.toEpochMilli(), context.getTimeEpoch());
        assertEquals("127.0.0.1", context.getDomainName());
        assertEquals("alice", context.getAuthorizer().getJwt().getClaims().get("sub"));
        assertNull(context.getAuthorizer().getJwt().getScopes());
    }

    @Test
    void repeatedHeadersAndParametersAreJoinedWithCommasAndCookiesMoveToTheirField() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Thing", List.of("a", "b"));
        headers.put("x-thing", List.of("c"));
        headers.put("Cookie", List.of("theme=dark; lang=en"));
        GatewayRequest search = request("GET", "/artists", "query=sigur+r%C3%B3s&limit=5&tag=a&tag=b&flag", headers, new byte[0]);

        APIGatewayV2HTTPEvent event = GatewayRequestTranslator.toEvent(search, "GET /artists", ALICE, "id", NOW, 3000);

        assertEquals("a,b,c", event.getHeaders().get("x-thing"));
        assertFalse(event.getHeaders().containsKey("cookie"));
        assertEquals(List.of("theme=dark", "lang=en"), event.getCookies());
        assertEquals("query=sigur+r%C3%B3s&limit=5&tag=a&tag=b&flag", event.getRawQueryString());
        assertEquals(Map.of("query", "sigur rós", "limit", "5", "tag", "a,b", "flag", ""), event.getQueryStringParameters());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
    }

    @Test
    void aBinaryBodyIsBase64Encoded() {
        byte[] bytes = {(byte) 0xff, 0, 1, 2};
        GatewayRequest upload = request("POST", "/plays", "", Map.of("content-type", List.of("application/octet-stream")), bytes);

        APIGatewayV2HTTPEvent event = GatewayRequestTranslator.toEvent(upload, "POST /plays", ALICE, "id", NOW, 3000);

        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(bytes, Base64.getDecoder().decode(event.getBody()));
    }

    @Test
    void invalidUtf8IsBase64EncodedEvenWhenLabelledJson() {
        byte[] bytes = {'{', (byte) 0xc3, '}'};
        GatewayRequest play = request("POST", "/plays", "", Map.of("content-type", List.of("application/json")), bytes);

        assertTrue(GatewayRequestTranslator.toEvent(play, "POST /plays", ALICE, "id", NOW, 3000).getIsBase64Encoded());
    }

    @Test
    void theResponsesStatusHeadersCookiesAndBodyGoBack() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(405);
        response.setHeaders(Map.of("content-type", "application/json", "allow", "GET"));
        response.setCookies(List.of("a=1", "b=2"));
        response.setBody("{\"error\":{}}");

        GatewayReply reply = GatewayRequestTranslator.toReply(response, "req-1");

        assertEquals(405, reply.status());
        assertEquals("GET", reply.header("allow"));
        assertEquals(List.of("a=1", "b=2"), reply.headers().get("set-cookie"));
        assertEquals("req-1", reply.header("apigw-requestid"));
        assertEquals("{\"error\":{}}", new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBase64ResponseIsDecoded() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(200);
        response.setBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        response.setIsBase64Encoded(true);

        assertArrayEquals(new byte[] {1, 2, 3}, GatewayRequestTranslator.toReply(response, "id").body());
    }

    @Test
    void noResponseIsApiGatewaysInternalServerError() {
        GatewayReply reply = GatewayRequestTranslator.toReply(null, "id");

        assertEquals(500, reply.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", new String(reply.body(), StandardCharsets.UTF_8));
    }
}
