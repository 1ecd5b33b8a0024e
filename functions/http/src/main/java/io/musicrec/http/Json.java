package io.musicrec.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writing response bodies, built as trees ({@link ObjectNode}) so field names are visible where a
 * response is made. Must not miss: trees are written with jackson-core's generator, never an {@code
 * ObjectMapper} (nor {@link JsonNode#toString()}, which builds one), because building a mapper costs a
 * cold start hundreds of classes. The text is the mapper's, byte for byte ({@code JsonTest}).
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    static JsonNodeFactory nodes() {
        return NODES;
    }

    /** The tree as compact JSON text. */
    public static String write(JsonNode node) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            write(node, json);
        } catch (IOException e) {
            // A StringWriter does not fail; a node type this does not know is a bug, thrown below.
            throw new UncheckedIOException("cannot write a JSON tree", e);
        }
        return text.toString();
    }

    /**
     * Writes {@code node} to {@code json} as the mapper would: numbers in their own type, binary as
     * base64, objects' fields in their order.
     *
     * @throws IllegalArgumentException for a node that is not plain JSON (a POJO or missing node)
     */
    public static void write(JsonNode node, JsonGenerator json) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeFieldName(field.getKey());
                    write(field.getValue(), json);
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode element : node) {
                    write(element, json);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> json.writeNumber(node.intValue());
                    case LONG -> json.writeNumber(node.longValue());
                    case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
                    case FLOAT -> json.writeNumber(node.floatValue());
                    case DOUBLE -> json.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> json.writeNumber(node.decimalValue());
                    default -> throw new IllegalArgumentException("unknown number type " + node.numberType());
                }
            }
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case NULL -> json.writeNull();
            case BINARY -> json.writeBinary(node.binaryValue());
            default -> throw new IllegalArgumentException("not a plain JSON node: " + node.getNodeType());
        }
    }
}
