package io.musicrec.ml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.http.Call;
import io.musicrec.http.Endpoint;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.Json;
import java.util.Objects;

/**
 * {@code POST /model/recommendations}: 200 {@code {"model_id", "mode", "artist_ids": [...],
 * "items": [{"artist_id", "score", "because": [...]}]}}, {@code artist_ids} being the items' ids in
 * the same order.
 */
public final class ModelRecommendationsEndpoint implements Endpoint {

    private final ModelRecommendations service;
    private final int defaultN;

    /**
     * @param service  the ML service
     * @param defaultN {@code n} when the query names none
     */
    public ModelRecommendationsEndpoint(ModelRecommendations service, int defaultN) {
        this.service = Objects.requireNonNull(service, "service");
        this.defaultN = defaultN;
    }

    @Override
    public HttpResponse handle(Call call) {
        ModelRecommendations.Answer answer = service.recommend(ModelRecommendationRequest.parse(call, defaultN));
        ObjectNode body = Json.object().put("model_id", answer.modelId()).put("mode", answer.mode().label());
        ArrayNode ids = body.putArray("artist_ids");
        ArrayNode items = body.putArray("items");
        for (Recommendation recommendation : answer.recommendations()) {
            ids.add(recommendation.artistId());
            ObjectNode item = items.addObject().put("artist_id", recommendation.artistId()).put("score", recommendation.score());
            ArrayNode because = item.putArray("because");
            recommendation.because().forEach(because::add);
        }
        return HttpResponse.json(200, body);
    }
}
