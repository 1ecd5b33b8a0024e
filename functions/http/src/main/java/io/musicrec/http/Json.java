package io.musicrec.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writing response bodies. Responses are built as trees ({@link ObjectNode}) rather than mapped
 * from classes: no introspection at a cold start, and the field names are visible where the
 * response is made.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; failing here is a bug.
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
