package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.http.testing.SampleHttpEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /artists} through the handler, over the catalog imported from the lastfm-2k model. */
class ArtistSearchIT {

    private static TestStack stack;
    private static ApiComponents components;
    private static ApiHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        components = TestStack.components(stack.environment(stack.newQueue()));
        handler = new ApiHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    private static JsonNode search(String rawQuery) {
        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.query(SampleHttpEvents.as(SampleHttpEvents.SEARCH, TestStack.newUser("search")), rawQuery), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return SampleHttpEvents.json(response);
    }

    @Test
    void sampleEventFindsRadioheadWithItsListeners() {
        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.SEARCH, TestStack.newUser("search")), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode artists = SampleHttpEvents.json(response).get("artists");
        JsonNode first = artists.get(0);
        assertEquals("Radiohead", first.get("name").asText());
        int index = stack.model.artists().indexOf(first.get("artist_id").asInt());
        assertEquals("Radiohead", stack.model.artists().name(index));
        assertEquals(stack.model.listeners(index), first.get("listeners").asInt());
        assertEquals(List.of("artist_id", "name", "listeners"), fieldNames(first));
    }

    @Test
    void resultsAreMostListenedToFirstUpToTheLimit() {
        JsonNode artists = search("query=the&limit=7").get("artists");

        assertEquals(7, artists.size());
        for (int i = 1; i < artists.size(); i++) {
            assertTrue(artists.get(i - 1).get("listeners").asInt() >= artists.get(i).get("listeners").asInt());
        }
        artists.forEach(artist -> assertTrue(artist.get("name").asText().toLowerCase().contains("the")));
    }

    @Test
    void theDefaultLimitIsTwenty() {
        assertEquals(20, search("query=a").get("artists").size());
    }

    @Test
    void queriesAreDecodedAndMatchedCaseInsensitively() {
        JsonNode artists = search("query=BJ%C3%96RK").get("artists");

        assertTrue(artists.size() >= 1, artists.toString());
        assertEquals("Björk", artists.get(0).get("name").asText());
        assertEquals(search("query=depeche+mode").get("artists").get(0).get("name").asText(), "Depeche Mode");
    }

    @Test
    void noMatchIsAnEmptyList() {
        assertEquals("{\"artists\":[]}", search("query=zzqqxx-no-such-artist").toString());
        assertEquals("{\"artists\":[]}", search("query=%25%25").toString(), "% is literal, not a wildcard");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
