package io.musicrec.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import org.junit.jupiter.api.Test;

/** What needs no Redis: the hand-written JSON, the caller check, the path. */
class ReaderHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void handWrittenEmptyDocumentIsWhatTheCacheWouldWriteForIt() {
        assertEquals(CacheJson.write(RecommendationDocument.empty()), ReaderHandler.EMPTY_DOCUMENT);
    }

    @Test
    void errorBodiesAreJsonWhateverTheMessageHolds() throws Exception {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 snowman \u2603 emoji \uD83C\uDFB5 lone \uD800 end";

        String body = Responses.error(404, "not_found", awkward).getBody();

        JsonNode error = JSON.readTree(body).get("error");
        assertEquals("not_found", error.get("code").asText());
        assertEquals(awkward.replace('\uD800', '\uFFFD'), error.get("message").asText().replace('\uD800', '\uFFFD'));
        assertFalse(body.contains("\uD800"), "a lone surrogate is escaped, not written raw");
    }

    @Test
    void callerIsTheSubClaimWhenItIsUsable() {
        assertTrue(Caller.isUsable("7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17"));
        assertTrue(Caller.isUsable("auth0|5f7c8ec7c33c6c004bbafe82"));
        assertTrue(Caller.isUsable("x".repeat(255)));
        assertTrue(Caller.isUsable("\uD83C\uDFB5"));
        assertFalse(Caller.isUsable(null));
        assertFalse(Caller.isUsable(""));
        assertFalse(Caller.isUsable("   "));
        assertFalse(Caller.isUsable("x".repeat(256)));
        assertFalse(Caller.isUsable("a\0b"));
        assertFalse(Caller.isUsable("a\uD800"));
        assertFalse(Caller.isUsable("\uDC00a"));
    }

    @Test
    void namedStageIsTakenOffThePath() {
        APIGatewayV2HTTPEvent event = Events.load("reader-get-recommendations.json");
        assertEquals("/recommendations", ReaderHandler.path(event));

        event.setRawPath("/prod/recommendations");
        event.getRequestContext().setStage("prod");
        assertEquals("/recommendations", ReaderHandler.path(event));

        event.getRequestContext().setStage("$default");
        assertEquals("/prod/recommendations", ReaderHandler.path(event));
    }
}
