package io.musicrec.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads from a tree {@link StrictJson} built, each refusing with a 400 that names the JSON path
 * ({@code $[2].plays}), what was expected and what came: {@code unknown_field}, {@code missing_field},
 * {@code invalid_type} or {@code out_of_range}. An integer is a JSON number without fraction or
 * exponent: {@code 9}, not {@code 9.0}, {@code 1e2} or {@code "9"}.
 */
public final class JsonBody {

    private static final int SHOWN = 40;

    private JsonBody() {
    }

    /**
     * Refuses the first field of {@code object} that is not in {@code allowed}.
     *
     * @throws RejectedRequest 400 {@code unknown_field}
     */
    public static void onlyFields(ObjectNode object, String path, List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ClientError.badRequest("unknown_field", field(path, name) + " is not a field here; "
                        + (allowed.isEmpty() ? "this body takes no fields" : "the fields are " + String.join(", ", allowed)));
            }
        }
    }

    /**
     * The integer in field {@code name}, within {@code min..max}.
     *
     * @throws RejectedRequest 400 {@code missing_field}, {@code invalid_type} or {@code out_of_range}
     */
    public static int requiredInt(ObjectNode object, String path, String name, int min, int max) {
        JsonNode value = object.get(name);
        String at = field(path, name);
        if (value == null) {
            throw ClientError.badRequest("missing_field", at + " is required");
        }
        if (!value.isIntegralNumber()) {
            throw ClientError.badRequest("invalid_type", at + " must be an integer (like " + Math.max(min, 1) + "), got " + describe(value));
        }
        BigInteger number = value.bigIntegerValue();
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ClientError.badRequest("out_of_range", at + " must be between " + min + " and " + max + ", got " + shown(number.toString()));
        }
        return number.intValueExact();
    }

    /**
     * The object at {@code path}.
     *
     * @throws RejectedRequest 400 {@code invalid_type}
     */
    public static ObjectNode requireObject(JsonNode value, String path) {
        if (!value.isObject()) {
            throw ClientError.badRequest("invalid_type", path + " must be a JSON object, got " + describe(value));
        }
        return (ObjectNode) value;
    }

    /** The JSON type of {@code value} and, for scalars, the value itself (shortened): {@code string "9"}, {@code number 9.5}. */
    public static String describe(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return "number " + shown(value.numberValue().toString());
        }
        if (value.isTextual()) {
            return "string " + shown(Json.write(value));
        }
        return value.isArray() ? "an array" : "an object";
    }

    /** The path of field {@code name} under {@code path}: {@code $.artist_id}, or {@code $["odd name"]}. */
    static String field(String path, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return path + "." + name;
        }
        return path + "[" + shown(Json.write(Json.nodes().textNode(name))) + "]";
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "...";
    }
}
