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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as exactly one JSON value, refusing what lenient parsers let through (an empty
 * body, content after the value, a key twice, nesting deeper than {@value #MAX_DEPTH}) besides what
 * Jackson refuses by default. The tree is built token by token so numbers keep their exact form
 * ({@code 9}, {@code 9.0} and {@code 1e2} stay distinct for {@link JsonBody}). The bytes are decoded
 * as strict UTF-8 first: given bytes, Jackson guesses UTF-16 or UTF-32 from the first four and a bad
 * guess fails as I/O, not parsing. Whatever the bytes, the outcome is a value or a 400.
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
        CharBuffer text = utf8(body);
        try (JsonParser parser = FACTORY.createParser(text.array(), 0, text.limit())) {
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
            // Reading a char array does not fail for I/O reasons; should Jackson say otherwise, it is still the body's fault.
            throw malformed(shorten(e.getMessage()));
        }
    }

    /**
     * The body as text: UTF-8 without a byte order mark (RFC 8259 section 8.1), no malformed,
     * overlong or surrogate sequences, and no NUL byte (which no JSON text holds raw, and which
     * UTF-16 and UTF-32 are full of).
     */
    private static CharBuffer utf8(byte[] body) {
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            throw malformed("the body starts with a byte order mark; send UTF-8 without one");
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                throw malformed("a NUL byte at byte " + i + "; only UTF-8 is taken (UTF-16 and UTF-32 are not)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw malformed("invalid UTF-8 at byte " + in.position() + "; only UTF-8 is taken");
        }
        return out.flip();
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
                try {
                    return NODES.numberNode(parser.getDecimalValue());
                } catch (NumberFormatException e) {
                    // Valid JSON all the same: an exponent beyond BigDecimal's (an int's), e.g. 1e-2147483648.
                    throw ClientError.badRequest("out_of_range", path + " is a number beyond any this API takes, got "
                            + shorten(parser.getText()));
                }
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
