package io.musicrec.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.http.Call;
import io.musicrec.http.ClientError;
import io.musicrec.http.JsonBody;
import io.musicrec.http.StrictJson;
import io.musicrec.platform.config.RecommenderSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST /model/recommendations} takes: query {@code n} and {@code mode} (defaults
 * configured), a body of {@code [{"artist_id", "plays"}]}, both 1..2147483647, exactly those fields;
 * an empty array gets the most popular artists, and unknown artists are ignored as the engine does.
 * A repeated artist is refused ({@code duplicate_artist}) rather than summed: in a client's list it
 * is more likely a bug than a wish. A play count of zero is refused too (it says nothing).
 */
public record ModelRecommendationRequest(List<UserPlay> plays, int n, Optional<Mode> mode) {

    static final String ARTIST_ID = "artist_id";
    static final String PLAYS = "plays";

    /** Copies the plays; {@code n} in range. */
    public ModelRecommendationRequest {
        plays = List.copyOf(plays);
        Objects.requireNonNull(mode, "mode");
        if (n < RecommenderSettings.MIN_ARTISTS || n > RecommenderSettings.MAX_ARTISTS) {
            throw new IllegalArgumentException("n must be " + RecommenderSettings.MIN_ARTISTS + ".." + RecommenderSettings.MAX_ARTISTS);
        }
    }

    /**
     * Reads the call.
     *
     * @param defaultN the {@code n} when the query names none
     * @throws io.musicrec.http.RejectedRequest 400 naming the parameter or JSON path at fault
     */
    public static ModelRecommendationRequest parse(Call call, int defaultN) {
        call.query().allowOnly(List.of("n", "mode"));
        int n = call.query().integer("n", defaultN, RecommenderSettings.MIN_ARTISTS, RecommenderSettings.MAX_ARTISTS);
        Optional<Mode> mode = call.query().text("mode").map(ModelRecommendationRequest::mode);
        if (!call.hasBody()) {
            throw ClientError.badRequest("invalid_body", "a JSON array like [{\"artist_id\": 289, \"plays\": 10}] is required");
        }
        JsonNode root = StrictJson.parse(call.body());
        if (!root.isArray()) {
            throw ClientError.badRequest("invalid_body", "the body must be a JSON array like [{\"artist_id\": 289, \"plays\": 10}], got "
                    + JsonBody.describe(root));
        }
        List<UserPlay> plays = new ArrayList<>(root.size());
        Map<Integer, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            String path = "$[" + i + "]";
            ObjectNode entry = JsonBody.requireObject(root.get(i), path);
            JsonBody.onlyFields(entry, path, List.of(ARTIST_ID, PLAYS));
            int artistId = JsonBody.requiredInt(entry, path, ARTIST_ID, 1, Integer.MAX_VALUE);
            int count = JsonBody.requiredInt(entry, path, PLAYS, 1, Integer.MAX_VALUE);
            Integer earlier = firstIndex.putIfAbsent(artistId, i);
            if (earlier != null) {
                throw ClientError.badRequest("duplicate_artist", path + ".artist_id " + artistId + " already appears at $[" + earlier
                        + "]; give each artist once with its total plays");
            }
            plays.add(new UserPlay(artistId, count));
        }
        return new ModelRecommendationRequest(plays, n, mode);
    }

    private static Mode mode(String text) {
        try {
            return Mode.parse(text);
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("invalid_parameter", "query parameter mode must be quota, hybrid, fold-in or popular, got "
                    + (text.length() > 30 ? text.substring(0, 27) + "..." : text));
        }
    }
}
