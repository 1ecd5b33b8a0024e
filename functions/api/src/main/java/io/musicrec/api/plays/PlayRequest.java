package io.musicrec.api.plays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.http.Call;
import io.musicrec.http.ClientError;
import io.musicrec.http.JsonBody;
import io.musicrec.http.StrictJson;
import java.util.List;

/**
 * The body of {@code POST /plays}: {@code {"artist_id": 289}}, nothing else; no query parameters.
 *
 * @param artistId the catalog id played, 1..2147483647
 */
public record PlayRequest(int artistId) {

    /** The field the body has. */
    public static final String ARTIST_ID = "artist_id";

    /** A positive id. */
    public PlayRequest {
        if (artistId < 1) {
            throw new IllegalArgumentException("artistId must be >= 1, got " + artistId);
        }
    }

    /**
     * Reads the call.
     *
     * @throws io.musicrec.http.RejectedRequest 400 for a body that is not exactly {@code {"artist_id": N}}
     */
    public static PlayRequest parse(Call call) {
        call.query().allowOnly(List.of());
        if (!call.hasBody()) {
            throw ClientError.badRequest("invalid_body", "a JSON body like {\"artist_id\": 289} is required");
        }
        JsonNode root = StrictJson.parse(call.body());
        if (!root.isObject()) {
            throw ClientError.badRequest("invalid_body", "the body must be a JSON object like {\"artist_id\": 289}, got "
                    + JsonBody.describe(root));
        }
        ObjectNode body = (ObjectNode) root;
        JsonBody.onlyFields(body, "$", List.of(ARTIST_ID));
        return new PlayRequest(JsonBody.requiredInt(body, "$", ARTIST_ID, 1, Integer.MAX_VALUE));
    }
}
