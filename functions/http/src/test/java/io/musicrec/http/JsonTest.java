package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Json#write} against what an {@code ObjectMapper} writes for the same tree. */
class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesEveryNodeTypeAsTheMapperDoes() throws Exception {
        ObjectNode tree = Json.object();
        tree.put("text", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 e-acute \u00e9 emoji \uD83C\uDFB5 line-sep \u2028");
        tree.put("int", Integer.MIN_VALUE).put("long", Long.MAX_VALUE).put("short", (short) -7)
                .put("big_integer", new BigInteger("123456789012345678901234567890"))
                .put("float", 0.1f).put("double", 0.1).put("tiny", 4.9e-324).put("huge", 1.7976931348623157e308)
                .put("negative_zero", -0.0).put("nan", Double.NaN).put("infinity", Double.POSITIVE_INFINITY)
                .put("decimal", new BigDecimal("1.50")).put("exponent_decimal", new BigDecimal("1E+3"))
                .put("true", true).put("false", false).putNull("null")
                .put("binary", "bytes\u0001".getBytes(StandardCharsets.UTF_8));
        tree.put("", "empty key").put("k\u00e9y \"quoted\"", 1);
        ArrayNode array = tree.putArray("array");
        array.add(1).add("two").addNull().addArray();
        array.addObject().putObject("nested").putArray("deeper").add(3.25);
        tree.putObject("empty_object");
        tree.putArray("empty_array");
        assertEquals(MAPPER.writeValueAsString(tree), Json.write(tree));
    }

    @Test
    void writesRandomTreesAsTheMapperDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            JsonNode tree = randomNode(random, 0);
            assertEquals(MAPPER.writeValueAsString(tree), Json.write(tree), "tree " + i);
        }
    }

    @Test
    void writesAScalarAtTheTop() throws Exception {
        for (JsonNode node : new JsonNode[] {Json.nodes().textNode("a\"b"), Json.nodes().numberNode(3), Json.nodes().nullNode(),
                Json.nodes().booleanNode(true), Json.array()}) {
            assertEquals(MAPPER.writeValueAsString(node), Json.write(node));
        }
    }

    @Test
    void refusesANodeThatIsNotPlainJson() {
        ObjectNode tree = Json.object();
        tree.putPOJO("pojo", new Object());
        assertThrows(IllegalArgumentException.class, () -> Json.write(tree));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Json.object().path("missing")));
    }

    private static JsonNode randomNode(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> Json.nodes().textNode(randomText(random));
            case 1 -> Json.nodes().numberNode(random.nextInt());
            case 2 -> Json.nodes().numberNode(random.nextLong());
            case 3 -> Json.nodes().numberNode(Double.longBitsToDouble(random.nextLong()));
            case 4 -> Json.nodes().numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(-5, 20)));
            case 5 -> random.nextBoolean() ? Json.nodes().booleanNode(random.nextBoolean()) : Json.nodes().nullNode();
            case 6 -> {
                ArrayNode array = Json.array();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = Json.object();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(randomText(random), randomNode(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int range = random.nextInt(4);
            text.append((char) switch (range) {
                case 0 -> random.nextInt(0, 0x20);
                case 1 -> random.nextInt(0x20, 0x7f);
                case 2 -> random.nextInt(0x80, 0x800);
                default -> random.nextInt(0x800, 0xd800);
            });
        }
        return text.toString();
    }
}
