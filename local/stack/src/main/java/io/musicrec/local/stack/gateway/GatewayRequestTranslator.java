package io.musicrec.local.stack.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import io.musicrec.local.services.InvocationContext;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An HTTP request to an API Gateway HTTP API event (payload format 2.0) and the function's response
 * back, following API Gateway: header names lower-cased and repeats joined with commas ({@code
 * Cookie} to {@code cookies}), query parameters decoded, a body that is text and valid UTF-8 passed as
 * is and any other base64-encoded, and a {@code requestContext} with the authorizer's JWT claims. The
 * response's body is base64-decoded when so marked and gets an {@code apigw-requestid} header.
 */
public final class GatewayRequestTranslator {

    /** The API id in local events. */
    public static final String API_ID = "local";

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private GatewayRequestTranslator() {
    }

    /**
     * The event for {@code request}, which matched {@code routeKey} and passed the authorizer as {@code
     * caller}; {@code requestId} is also the invocation's, {@code localPort} goes into {@code x-forwarded-port}.
     */
    public static APIGatewayV2HTTPEvent toEvent(GatewayRequest request, String routeKey, JwtAuthorizer.Allowed caller,
                                                String requestId, Instant now, int localPort) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            if (name.equals("cookie")) {
                values.forEach(value -> {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                });
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        headers.merge("x-forwarded-for", request.sourceIp(), (sent, ip) -> sent + ", " + ip);
        headers.put("x-forwarded-port", Integer.toString(localPort));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-amzn-trace-id", traceId(now));

        String host = request.header("host") == null ? "127.0.0.1" : request.header("host");
        String domain = host.startsWith("[") || host.indexOf(':') < 0 ? host : host.substring(0, host.lastIndexOf(':'));

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(request.method());
        http.setPath(request.rawPath());
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(request.header("user-agent") == null ? "" : request.header("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(new LinkedHashMap<>(caller.claims()));
        jwt.setScopes(caller.scopes() == null ? null : new ArrayList<>(caller.scopes()));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(InvocationContext.ACCOUNT_ID);
        context.setApiId(API_ID);
        context.setDomainName(domain);
        context.setDomainPrefix(domain.contains(".") && !Character.isDigit(domain.charAt(0)) ? domain.substring(0, domain.indexOf('.')) : domain);
        context.setHttp(http);
        context.setAuthorizer(authorizer);
        context.setRequestId(requestId);
        context.setRouteKey(routeKey);
        context.setStage("$default");
        context.setTime(TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(routeKey);
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQuery());
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(request.rawQuery()));
        event.setRequestContext(context);
        if (request.body().length == 0) {
            event.setBody(null);
            event.setIsBase64Encoded(false);
        } else if (isText(request.header("content-type")) && isUtf8(request.body())) {
            event.setBody(new String(request.body(), StandardCharsets.UTF_8));
            event.setIsBase64Encoded(false);
        } else {
            event.setBody(Base64.getEncoder().encodeToString(request.body()));
            event.setIsBase64Encoded(true);
        }
        return event;
    }

    /**
     * The HTTP reply for a function's response; a null response (or one without a valid status) is
     * API Gateway's 500 {@code {"message":"Internal Server Error"}}.
     *
     * @param response  what the function returned
     * @param requestId the request's id, sent as {@code apigw-requestid}
     */
    public static GatewayReply toReply(APIGatewayV2HTTPResponse response, String requestId) {
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            return GatewayReply.message(500, "Internal Server Error").withHeader("apigw-requestid", requestId);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.put("set-cookie", new ArrayList<>(response.getCookies()));
        }
        headers.put("apigw-requestid", List.of(requestId));
        byte[] body;
        if (response.getBody() == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(response.getBody());
            } catch (IllegalArgumentException e) {
                return GatewayReply.message(500, "Internal Server Error").withHeader("apigw-requestid", requestId);
            }
        } else {
            body = response.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return new GatewayReply(response.getStatusCode(), headers, body);
    }

    /** Decoded query parameters, repeated names joined with commas; null for an empty query. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed %-escape is passed on as sent; the function decides what it means.
            return text;
        }
    }

    /** A request id in API Gateway's form: 16 base64 characters. */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String traceId(Instant now) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(random);
    }

    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
