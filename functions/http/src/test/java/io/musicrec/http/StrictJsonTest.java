package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static JsonNode parse(String json) {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ClientError rejected(String json) {
        return assertThrows(RejectedRequest.class, () -> parse(json)).error();
    }

    @Test
    void readsOneValueWithSurroundingWhitespace() {
        assertEquals(289, parse(" \n{\"artist_id\": 289}\n ").get("artist_id").intValue());
        assertEquals(2, parse("[1, 2]").size());
    }

    @Test
    void refusesWhatLenientParsersAccept() {
        for (String json : List.of("", "   ", "{\"a\": 1} x", "{\"a\": 1}{}", "[1] [2]", "{'a': 1}", "{\"a\": 1 // c\n}",
                "{\"a\": NaN}", "{\"a\": 01}", "{\"a\": +1}", "{\"a\": .5}", "{\"a\": 1,}", "[1,]", "{a: 1}", "\"\\x\"", "{\"a\"}")) {
            assertEquals("malformed_json", rejected(json).code(), json);
        }
    }

    @Test
    void refusesADuplicateKeyNamingItsPath() {
        ClientError error = rejected("[{\"artist_id\": 1, \"plays\": 2}, {\"artist_id\": 3, \"plays\": 4, \"plays\": 5}]");

        assertEquals("duplicate_field", error.code());
        assertTrue(error.message().contains("$[1].plays"), error.message());
        assertEquals("duplicate_field", rejected("{\"a b\": 1, \"a b\": 2}").code());
        assertTrue(rejected("{\"a b\": 1, \"a b\": 2}").message().contains("$[\"a b\"]"));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] bytes = {'{', '"', 'a', (byte) 0xC3, '"', ':', '1', '}'};
        assertEquals("malformed_json", assertThrows(RejectedRequest.class, () -> StrictJson.parse(bytes)).error().code());
    }

    @Test
    void everyEncodingButUtf8IsMalformedJsonWhateverItsFirstBytes() {
        String json = "{\"artist_id\": 289}";
        List<byte[]> others = List.of(
                json.getBytes(StandardCharsets.UTF_16BE), json.getBytes(StandardCharsets.UTF_16LE),
                json.getBytes(StandardCharsets.UTF_16), // with a byte order mark
                withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, json.getBytes(StandardCharsets.UTF_16LE)),
                json.getBytes(Charset.forName("UTF-32BE")), json.getBytes(Charset.forName("UTF-32LE")),
                withBom(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, json.getBytes(Charset.forName("UTF-32BE"))),
                withBom(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, json.getBytes(Charset.forName("UTF-32LE"))),
                withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json.getBytes(StandardCharsets.UTF_8)),
                // What Jackson's detection took for UTF-32 and then failed on with an I/O error.
                new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'}, new byte[] {0, 0, 0, '{', '}'}, new byte[] {0, 0, 0, '{'},
                new byte[] {'{', 0, 0, 0}, new byte[] {0, '{', 0, '}'},
                // Overlong '/' and NUL, an encoded surrogate (CESU-8), a truncated sequence, bytes never valid in UTF-8.
                new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, new byte[] {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},
                new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                new byte[] {'"', (byte) 0xE2, (byte) 0x82, '"'}, new byte[] {'"', (byte) 0xE2, (byte) 0x82},
                new byte[] {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, new byte[] {(byte) 0xFE, (byte) 0xFF});
        for (byte[] bytes : others) {
            ClientError error = assertThrows(RejectedRequest.class, () -> StrictJson.parse(bytes), HexFormat.of().formatHex(bytes)).error();
            assertEquals("malformed_json", error.code(), HexFormat.of().formatHex(bytes));
        }
        assertTrue(assertThrows(RejectedRequest.class, () -> StrictJson.parse(json.getBytes(StandardCharsets.UTF_16LE))).error().message()
                .contains("only UTF-8"));
        assertEquals(289, StrictJson.parse("{\"artist_id\": 289, \"n\": \"\u00e9\u2603\ud83c\udfb5\"}".getBytes(StandardCharsets.UTF_8))
                .get("artist_id").intValue(), "UTF-8 of every length is read");
    }

    private static byte[] withBom(byte[] bom, byte[] text) {
        byte[] all = Arrays.copyOf(bom, bom.length + text.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        return all;
    }

    @Test
    void refusesDeepNesting() {
        assertEquals(StrictJson.MAX_DEPTH, depth(parse("[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH))));
        ClientError error = rejected("[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1));
        assertEquals("malformed_json", error.code());
        assertTrue(error.message().contains("deeper than 32"), error.message());
        assertEquals("malformed_json", rejected("[".repeat(100_000)).code(), "no stack overflow");
    }

    @Test
    void aNumberBeyondBigDecimalIsOutOfRangeNotAFailure() {
        for (String number : List.of("1e-2147483648", "1e2147483649", "-1E-99999999999")) {
            ClientError error = rejected("{\"artist_id\": " + number + "}");
            assertEquals("out_of_range", error.code(), number);
            assertTrue(error.message().startsWith("$.artist_id "), error.message());
        }
    }

    @Test
    void keepsIntegersApartFromOtherNumbers() {
        ObjectNode body = (ObjectNode) parse("{\"a\": 9, \"b\": 9.0, \"c\": 1e2, \"d\": 99999999999999999999999, \"e\": -0}");

        assertEquals(9, JsonBody.requiredInt(body, "$", "a", 1, 10));
        assertEquals("invalid_type", assertThrows(RejectedRequest.class, () -> JsonBody.requiredInt(body, "$", "b", 1, 10)).error().code());
        assertEquals("invalid_type", assertThrows(RejectedRequest.class, () -> JsonBody.requiredInt(body, "$", "c", 1, 1000)).error().code());
        assertEquals("out_of_range", assertThrows(RejectedRequest.class,
                () -> JsonBody.requiredInt(body, "$", "d", 1, Integer.MAX_VALUE)).error().code());
        assertEquals(0, JsonBody.requiredInt(body, "$", "e", 0, 1));
    }

    @Test
    void typeErrorsSayWhatCame() {
        ObjectNode body = (ObjectNode) parse("{\"s\": \"289\", \"t\": true, \"n\": null, \"f\": 9.5, \"o\": {}, \"l\": \"" + "x".repeat(500) + "\"}");

        assertEquals("$.s must be an integer (like 1), got string \"289\"", message(body, "s"));
        assertEquals("$.t must be an integer (like 1), got true", message(body, "t"));
        assertEquals("$.n must be an integer (like 1), got null", message(body, "n"));
        assertEquals("$.f must be an integer (like 1), got number 9.5", message(body, "f"));
        assertEquals("$.o must be an integer (like 1), got an object", message(body, "o"));
        assertTrue(message(body, "l").length() < 120, "long values are shortened");
        assertEquals("$.missing is required", message(body, "missing"));
    }

    private static String message(ObjectNode body, String field) {
        return assertThrows(RejectedRequest.class, () -> JsonBody.requiredInt(body, "$", field, 1, 10)).error().message();
    }

    private static int depth(JsonNode node) {
        return node.isArray() ? 1 + (node.isEmpty() ? 0 : depth(node.get(0))) : 0;
    }
}
