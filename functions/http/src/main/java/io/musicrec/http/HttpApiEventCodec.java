package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API (payload format 2.0) event read from the JSON Lambda hands a {@code
 * RequestStreamHandler}, and the response written back, instead of the runtime's own mapping to {@link
 * APIGatewayV2HTTPEvent}, which loads a shaded Jackson and Joda-Time on the first event of every cold
 * start; this uses the streaming parser of the Jackson we carry, without reflection. The fields and
 * names are the runtime's; anything that is not a JSON object reads as {@code null}.
 */
public final class HttpApiEventCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private HttpApiEventCodec() {
    }

    /**
     * Reads one event.
     *
     * @param in the event's JSON; read to its end, not closed
     * @return the event, or {@code null} when the input is not a JSON object
     * @throws IOException when the stream fails
     */
    public static APIGatewayV2HTTPEvent readEvent(InputStream in) throws IOException {
        Object root;
        try (JsonParser parser = JSON.createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (parser.nextToken() == null) {
                return null;
            }
            root = value(parser);
        } catch (JsonProcessingException | CharConversionException e) {
            // Not JSON, or bytes Jackson took for UTF-32 that are not (an I/O error, not a parse error).
            return null;
        }
        if (!(root instanceof Map<?, ?> object)) {
            return null;
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(object.get("version")));
        event.setRouteKey(text(object.get("routeKey")));
        event.setRawPath(text(object.get("rawPath")));
        event.setRawQueryString(text(object.get("rawQueryString")));
        event.setCookies(texts(object.get("cookies")));
        event.setHeaders(textMap(object.get("headers")));
        event.setQueryStringParameters(textMap(object.get("queryStringParameters")));
        event.setPathParameters(textMap(object.get("pathParameters")));
        event.setStageVariables(textMap(object.get("stageVariables")));
        event.setBody(text(object.get("body")));
        event.setIsBase64Encoded(Boolean.TRUE.equals(object.get("isBase64Encoded")));
        if (object.get("requestContext") instanceof Map<?, ?> context) {
            event.setRequestContext(requestContext(context));
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(Map<?, ?> object) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(text(object.get("routeKey")));
        context.setAccountId(text(object.get("accountId")));
        context.setStage(text(object.get("stage")));
        context.setApiId(text(object.get("apiId")));
        context.setDomainName(text(object.get("domainName")));
        context.setDomainPrefix(text(object.get("domainPrefix")));
        context.setTime(text(object.get("time")));
        context.setRequestId(text(object.get("requestId")));
        if (object.get("timeEpoch") instanceof Number epoch) {
            context.setTimeEpoch(epoch.longValue());
        }
        if (object.get("http") instanceof Map<?, ?> httpObject) {
            APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
            http.setMethod(text(httpObject.get("method")));
            http.setPath(text(httpObject.get("path")));
            http.setProtocol(text(httpObject.get("protocol")));
            http.setSourceIp(text(httpObject.get("sourceIp")));
            http.setUserAgent(text(httpObject.get("userAgent")));
            context.setHttp(http);
        }
        if (object.get("authorizer") instanceof Map<?, ?> authorizerObject) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            if (authorizerObject.get("jwt") instanceof Map<?, ?> jwtObject) {
                APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
                jwt.setClaims(textMap(jwtObject.get("claims")));
                jwt.setScopes(texts(jwtObject.get("scopes")));
                authorizer.setJwt(jwt);
            }
            if (authorizerObject.get("lambda") instanceof Map<?, ?> lambda) {
                Map<String, Object> copy = new LinkedHashMap<>();
                lambda.forEach((key, value) -> copy.put((String) key, value));
                authorizer.setLambda(copy);
            }
            context.setAuthorizer(authorizer);
        }
        return context;
    }

    /**
     * Writes one response: {@code statusCode}, {@code headers}, {@code multiValueHeaders} and
     * {@code cookies} when set, {@code body}, {@code isBase64Encoded}.
     *
     * @param response what the handler returned
     * @param out      where the JSON goes; flushed, not closed
     * @throws IOException when the stream fails
     */
    public static void writeResponse(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeResponse(response, json);
        }
        out.flush();
    }

    private static void writeResponse(APIGatewayV2HTTPResponse response, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
        }
        if (response.getMultiValueHeaders() != null) {
            json.writeObjectFieldStart("multiValueHeaders");
            for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                json.writeArrayFieldStart(header.getKey());
                for (String value : header.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        if (response.getCookies() != null) {
            json.writeArrayFieldStart("cookies");
            for (String cookie : response.getCookies()) {
                json.writeString(cookie);
            }
            json.writeEndArray();
        }
        if (response.getBody() != null) {
            json.writeStringField("body", response.getBody());
        }
        json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
        json.writeEndObject();
    }

    /** The value at the parser's current token: maps, lists, strings, numbers, booleans, null. */
    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonProcessingException("unexpected " + token, parser.currentLocation()) {
            };
        }
    }

    /** Strings as they are, other scalars as their JSON text; objects and arrays are not text. */
    private static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return null;
        }
        return value instanceof String s ? s : value.toString();
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> texts = new ArrayList<>(list.size());
        for (Object item : list) {
            texts.add(text(item));
        }
        return texts;
    }

    private static Map<String, String> textMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        map.forEach((key, item) -> texts.put((String) key, text(item)));
        return texts;
    }
}
