package io.musicrec.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a request body as exactly one JSON value (RFC 8259), refusing what lenient parsers let
 * through: an empty body, content after the value ({@code {} {}}, {@code {}x}), a key twice in one
 * object, nesting deeper than {@value #MAX_DEPTH}, and everything Jackson refuses by default
 * (comments, single quotes, {@code NaN}, leading zeros, invalid UTF-8). The tree is built here
 * token by token, so a duplicate key is reported with its path and numbers keep their exact form:
 * {@code 9}, {@code 9.0}, {@code 9.5} and {@code 1e2} stay distinguishable for {@link JsonBody}.
 */
public final class StrictJson {

    /** Deeper than any body this API takes (two levels); refused before the stack minds. */
    public static final int MAX_DEPTH = 32;

    // The source is left out of locations: a parse error must not quote the body back at length.
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final JsonNodeFactory NODES = Json.nodes();

    private StrictJson() {
    }

    /**
     * The body's JSON value.
     *
     * @throws RejectedRequest 400 {@code malformed_json} or {@code duplicate_field}, naming where
     */
    public static JsonNode parse(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("the body is empty; a JSON value is required");
            }
            JsonNode root = read(parser, first, 1, "$");
            if (parser.nextToken() != null) {
                throw malformed("unexpected content after the JSON value " + where(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(shorten(e.getOriginalMessage()) + " " + where(e.getLocation()));
        } catch (IOException e) {
            // Reading a byte array does not fail for I/O reasons.
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(JsonParser parser, JsonToken token, int depth, String path) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                checkDepth(depth, path);
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    String fieldPath = JsonBody.field(path, name);
                    if (object.has(name)) {
                        throw ClientError.badRequest("duplicate_field", fieldPath + " appears more than once");
                    }
                    object.set(name, read(parser, parser.nextToken(), depth + 1, fieldPath));
                }
                return object;
            }
            case START_ARRAY -> {
                checkDepth(depth, path);
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next, depth + 1, path + "[" + index++ + "]"));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                // Kept as written (9.0 is not the integer 9 here); BigDecimal never expands an exponent.
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw malformed("unexpected " + token + " " + where(parser.currentTokenLocation()));
        }
    }

    private static void checkDepth(int depth, String path) {
        if (depth > MAX_DEPTH) {
            throw malformed("the JSON nests deeper than " + MAX_DEPTH + " levels at " + path);
        }
    }

    private static RejectedRequest malformed(String message) {
        return ClientError.badRequest("malformed_json", "the body is not valid JSON: " + message);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String shorten(String message) {
        String text = message == null ? "unreadable" : message.replaceAll("\\s+", " ").strip();
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
