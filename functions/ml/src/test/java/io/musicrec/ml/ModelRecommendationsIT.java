package io.musicrec.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.http.testing.SampleHttpEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /model/recommendations} through the handler, with the lastfm-2k model loaded from
 * s3proxy, checked against the engine run directly on the same model.
 */
class ModelRecommendationsIT {

    private static final List<UserPlay> SAMPLE_PLAYS = List.of(new UserPlay(289, 10), new UserPlay(89, 4), new UserPlay(292, 1));

    private static TestStack stack;
    private static ModelComponents components;
    private static ModelHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        components = TestStack.components(stack.environment());
        handler = new ModelHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    @Test
    void sampleEventGetsTheEnginesQuotaRecommendationsOfTheCurrentModel() {
        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("ml")), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = SampleHttpEvents.json(response);
        assertEquals(List.of("model_id", "mode", "artist_ids", "items"), fieldNames(body));
        assertEquals(stack.model.id(), body.get("model_id").asText());
        assertEquals("hybrid", body.get("mode").asText(), "RECOMMENDER_MODE's default");
        assertEquals(expected(Mode.HYBRID, SAMPLE_PLAYS, 100), body.get("items"));
        assertEquals(100, body.get("artist_ids").size());
        Set<Integer> played = Set.of(289, 89, 292);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            JsonNode item = body.get("items").get(i);
            int id = item.get("artist_id").asInt();
            assertEquals(id, body.get("artist_ids").get(i).asInt(), "artist_ids lists the items' ids in order");
            assertFalse(played.contains(id), "never an artist played");
            assertTrue(seen.add(id), "never twice");
            assertFalse(item.get("because").isEmpty(), "quota items say which played artist they came from");
            item.get("because").forEach(seed -> assertTrue(played.contains(seed.asInt())));
        }
    }

    @Test
    void modeAndNComeFromTheQuery() {
        for (Mode mode : Mode.values()) {
            APIGatewayV2HTTPResponse response = handler.handle(
                    SampleHttpEvents.query(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("ml-mode")), "n=7&mode=" + mode.label()), null);

            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals(mode.label(), SampleHttpEvents.json(response).get("mode").asText());
            assertEquals(expected(mode, SAMPLE_PLAYS, 7), SampleHttpEvents.json(response).get("items"));
        }
    }

    @Test
    void withoutNTheConfiguredNumberOfArtistsIsUsed() {
        Map<String, String> env = stack.environment();
        env.put("NUMBER_OF_ARTISTS", "12");
        env.put("RECOMMENDER_MODE", "hybrid");
        try (ModelComponents configured = TestStack.components(env)) {
            APIGatewayV2HTTPResponse response = new ModelHandler(configured).handle(
                    SampleHttpEvents.query(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("ml-default")), ""), null);

            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("hybrid", SampleHttpEvents.json(response).get("mode").asText());
            assertEquals(expected(Mode.HYBRID, SAMPLE_PLAYS, 12), SampleHttpEvents.json(response).get("items"));
        }
    }

    @Test
    void anEmptyHistoryGetsTheMostPopularArtists() {
        APIGatewayV2HTTPResponse response = handler.handle(
                SampleHttpEvents.query(SampleHttpEvents.body(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("ml-empty")), "[]"), "n=5"), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        List<Integer> ids = new ArrayList<>();
        SampleHttpEvents.json(response).get("artist_ids").forEach(id -> ids.add(id.asInt()));
        List<Integer> popular = new ArrayList<>();
        for (int rank = 0; rank < 5; rank++) {
            popular.add(stack.model.artists().id(stack.model.popular(rank)));
        }
        assertEquals(popular, ids);
    }

    @Test
    void artistsTheModelDoesNotKnowAreIgnoredAsTheEngineIgnoresThem() {
        String body = "[{\"artist_id\": 289, \"plays\": 10}, {\"artist_id\": 2000000000, \"plays\": 50}]";

        APIGatewayV2HTTPResponse response = handler.handle(
                SampleHttpEvents.query(SampleHttpEvents.body(SampleHttpEvents.as(SampleHttpEvents.MODEL, TestStack.newUser("ml-unknown")), body),
                "n=10&mode=quota"), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(expected(Mode.QUOTA, List.of(new UserPlay(289, 10)), 10), SampleHttpEvents.json(response).get("items"));
    }

    private static JsonNode expected(Mode mode, List<UserPlay> plays, int n) {
        List<Recommendation> recommendations = Recommender.of(mode, stack.model).recommend(plays, n);
        var items = SampleHttpEvents.object().putArray("items");
        for (Recommendation r : recommendations) {
            var item = items.addObject().put("artist_id", r.artistId()).put("score", r.score());
            var because = item.putArray("because");
            r.because().forEach(because::add);
        }
        return items;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
