package io.musicrec.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What needs no Redis: the hand-written empty document, the route. (The shared edge's own tests are in functions/http.) */
class ReaderHandlerTest {

    @Test
    void handWrittenEmptyDocumentIsWhatTheCacheWouldWriteForIt() {
        assertEquals(CacheJson.write(RecommendationDocument.empty()), ReaderHandler.EMPTY_DOCUMENT);
    }

    @Test
    void theRouteItChecksIsTheOneTheRouteTableGivesIt() {
        assertEquals(List.of(ReaderHandler.METHOD + " " + ReaderHandler.PATH), ReaderHandler.ROUTES);
    }
}
