package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.cache.RecommendationDocument.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheJsonTest {

    private static final RecommendationDocument DOCUMENT = new RecommendationDocument(Status.READY, "model-7",
            Instant.parse("2026-11-28T15:48:12.345Z"), 15,
            List.of(new Item(289, "Radiohead", null, null, null, 0.5, List.of(9))));

    @Test
    void documentIsWrittenInTheShapeTheReadFunctionServes() {
        assertEquals("{\"status\":\"ready\",\"model_id\":\"model-7\",\"generated_at\":\"2026-11-28T15:48:12.345Z\","
                + "\"total_plays\":15,\"items\":[{\"artist_id\":289,\"artist_name\":\"Radiohead\",\"song_name\":null,"
                + "\"image\":null,\"url\":null,\"score\":0.5,\"because\":[9]}]}", CacheJson.write(DOCUMENT));
    }

    @Test
    void documentReadsBackEqual() {
        assertEquals(DOCUMENT, CacheJson.read(CacheJson.write(DOCUMENT), RecommendationDocument.class));
    }

    @Test
    void fieldsAddedByANewerWriterAreIgnored() {
        String newer = "{\"status\":\"empty\",\"model_id\":null,\"generated_at\":null,\"total_plays\":0,\"items\":[],\"new\":1}";

        assertEquals(RecommendationDocument.empty(), CacheJson.read(newer, RecommendationDocument.class));
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CacheJson.read("{\"status\": \"secret-user-data", RecommendationDocument.class));

        assertEquals(false, refused.getMessage().contains("secret-user-data"), refused.getMessage());
    }
}
