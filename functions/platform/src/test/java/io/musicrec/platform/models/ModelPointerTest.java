package io.musicrec.platform.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPointerTest {

    private static String parse(String json) throws ModelPointer.InvalidPointer {
        return ModelPointer.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refused(String json) {
        return assertThrows(ModelPointer.InvalidPointer.class, () -> parse(json), json).getMessage();
    }

    @Test
    void readsTheModelIdIgnoringOtherFieldsAndWhatTheyHold() throws Exception {
        assertEquals("als-1", parse("{\"model_id\": \"als-1\", \"published_at\": \"2026-03-01T12:00:00Z\"}"));
        assertEquals("lastfm-2k_v.2", parse(" {\"note\": {\"model_id\": \"x\", \"a\": [1, {\"b\": null}]}, \"published_at\": \"2026-03-01T12:00:00.123456789Z\","
                + " \"model_id\": \"lastfm-2k_v.2\", \"v\": 2} "));
        assertEquals("b", parse("{\"model_id\": \"a\", \"model_id\": \"b\", \"published_at\": \"2026-03-01T12:00:00Z\"}"));
    }

    @Test
    void refusesEachProblemByName() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "is not JSON"),
                Map.entry("{\"model_id\": \"a\", \"published_at\": \"2026-03-01T12:00:00Z\"", "is not JSON"),
                Map.entry("{\"model_id\": \"a\", \"published_at\": \"2026-03-01T12:00:00Z\"} {}", "is not JSON"),
                Map.entry("{'model_id': 'a'}", "is not JSON"),
                Map.entry("[\"model_id\"]", "has no valid model_id"),
                Map.entry("\"als-1\"", "has no valid model_id"),
                Map.entry("null", "has no valid model_id"),
                Map.entry("{\"model\": \"als-1\", \"published_at\": \"2026-03-01T12:00:00Z\"}", "has no valid model_id"),
                Map.entry("{\"model_id\": 7, \"published_at\": \"2026-03-01T12:00:00Z\"}", "has no valid model_id"),
                Map.entry("{\"model_id\": {\"id\": \"a\"}, \"published_at\": \"2026-03-01T12:00:00Z\"}", "has no valid model_id"),
                Map.entry("{\"model_id\": \"../../etc\", \"published_at\": \"2026-03-01T12:00:00Z\"}", "has no valid model_id"),
                Map.entry("{\"model_id\": \"a\"}", "has no published_at"),
                Map.entry("{\"model_id\": \"a\", \"published_at\": 1772366400}", "has no published_at"),
                Map.entry("{\"model_id\": \"a\", \"published_at\": \"yesterday\"}", "has a published_at that is not an ISO-8601 instant"));
        cases.forEach((json, problem) -> assertEquals(problem, refused(json), json));
    }

    @Test
    void writesWhatItReadsAndWhatAMapperReads() throws Exception {
        Instant at = Instant.parse("2026-03-01T12:00:00.5Z");
        String text = ModelPointer.write("als-1", at);
        assertEquals("als-1", parse(text));
        JsonNode tree = new ObjectMapper().readTree(text);
        assertEquals("als-1", tree.get("model_id").asText());
        assertEquals(at, Instant.parse(tree.get("published_at").asText()));
        assertEquals(2, tree.size());
    }
}
