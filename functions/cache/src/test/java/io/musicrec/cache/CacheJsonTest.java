package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.cache.RecommendationDocument.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The recommendation document's codec: its text, pinned and against what a mapper writes for the same tree; reading it back. */
class CacheJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final RecommendationDocument DOCUMENT = new RecommendationDocument(Status.READY, "model-7",
            Instant.parse("2026-11-28T15:48:12.345Z"), 15,
            List.of(new Item(289, "Radiohead", null, null, null, 0.5, List.of(9))));

    @Test
    void documentIsWrittenInTheShapeTheReadFunctionServes() {
        assertEquals("{\"status\":\"ready\",\"model_id\":\"model-7\",\"generated_at\":\"2026-11-28T15:48:12.345Z\","
                + "\"total_plays\":15,\"items\":[{\"artist_id\":289,\"artist_name\":\"Radiohead\",\"song_name\":null,"
                + "\"image\":null,\"url\":null,\"score\":0.5,\"because\":[9]}]}", CacheJson.write(DOCUMENT));
        assertEquals("{\"status\":\"empty\",\"model_id\":null,\"generated_at\":null,\"total_plays\":0,\"items\":[]}",
                CacheJson.EMPTY_DOCUMENT);
    }

    @Test
    void documentIsWrittenAsAMapperWritesItsTreeAndReadsBackEqual() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<RecommendationDocument> documents = new ArrayList<>(List.of(DOCUMENT, RecommendationDocument.empty(),
                new RecommendationDocument(Status.SUGGESTIONS, null, Instant.parse("2026-01-01T00:00:00Z"), 0, null)));
        for (int i = 0; i < 100; i++) {
            List<Item> items = new ArrayList<>();
            for (int j = random.nextInt(6); j > 0; j--) {
                items.add(new Item(random.nextInt(), text(random), random.nextBoolean() ? null : text(random),
                        random.nextBoolean() ? null : "https://i.scdn.co/image/" + text(random), random.nextBoolean() ? null : text(random),
                        random.nextInt(4) == 0 ? random.nextInt(100) : Double.longBitsToDouble(random.nextLong()),
                        random.ints(random.nextInt(4), 0, 20_000).boxed().toList()));
            }
            documents.add(new RecommendationDocument(Status.values()[random.nextInt(3)], random.nextBoolean() ? null : text(random),
                    random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000)),
                    random.nextLong(0, Long.MAX_VALUE), items));
        }
        for (RecommendationDocument document : documents) {
            assertEquals(mapperText(document), CacheJson.write(document));
            assertEquals(document, CacheJson.read(CacheJson.write(document)));
        }
    }

    @Test
    void streamedReadingRefusesWhatIsNotOneJsonValueWithoutQuotingIt() {
        for (String json : List.of("", "{\"a\": \"secret-user-data", "{} {}", "[1,]")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CacheJson.streamed(json, parser -> {
                parser.skipChildren();
                return 1;
            }), json);
            assertFalse(refused.getMessage().contains("secret-user-data"), refused.getMessage());
        }
        assertEquals(List.of("a", "b"), CacheJson.streamed(" [\"a\", \"b\"] ", parser -> {
            List<String> values = new ArrayList<>();
            String value;
            while ((value = parser.nextTextValue()) != null) {
                values.add(value);
            }
            return values;
        }));
    }

    /** What a mapper writes for the document's fields as a tree: the text an independent writer gives. */
    private static String mapperText(RecommendationDocument document) throws Exception {
        ObjectNode tree = MAPPER.createObjectNode().put("status", document.status().label()).put("model_id", document.modelId())
                .put("generated_at", document.generatedAt() == null ? null : document.generatedAt().toString())
                .put("total_plays", document.totalPlays());
        ArrayNode items = tree.putArray("items");
        for (Item item : document.items()) {
            ObjectNode node = items.addObject().put("artist_id", item.artistId()).put("artist_name", item.artistName())
                    .put("song_name", item.songName()).put("image", item.image()).put("url", item.url()).put("score", item.score());
            ArrayNode because = node.putArray("because");
            item.because().forEach(because::add);
        }
        return MAPPER.writeValueAsString(tree);
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(10); i > 0; i--) {
            text.append((char) (random.nextBoolean() ? random.nextInt(0x20, 0x7f) : random.nextInt(0, 0xd800)));
        }
        return text.toString();
    }

    @Test
    void documentReadsBackEqual() {
        assertEquals(DOCUMENT, CacheJson.read(CacheJson.write(DOCUMENT)));
    }

    @Test
    void fieldsAddedByANewerWriterAreIgnored() {
        String newer = "{\"status\":\"empty\",\"model_id\":null,\"generated_at\":null,\"total_plays\":0,\"items\":[],\"new\":1}";

        assertEquals(RecommendationDocument.empty(), CacheJson.read(newer));
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CacheJson.read("{\"status\": \"secret-user-data"));

        assertEquals(false, refused.getMessage().contains("secret-user-data"), refused.getMessage());
    }

    @Test
    void whatIsNotADocumentIsRefused() {
        for (String json : List.of("[]", "{}", "{\"status\":\"done\"}", "{\"status\":\"ready\",\"total_plays\":\"5\"}",
                "{\"status\":\"ready\",\"items\":[{\"artist_id\":1.5}]}", "{\"status\":\"ready\",\"generated_at\":\"today\"}")) {
            assertThrows(IllegalArgumentException.class, () -> CacheJson.read(json), json);
        }
    }
}
