package io.musicrec.api.plays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.http.Call;
import io.musicrec.http.ClientError;
import io.musicrec.http.JsonBody;
import io.musicrec.http.StrictJson;
import io.musicrec.platform.plays.IdempotencyKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /plays}: {@code {"artist_id": 289}}, nothing else; no query parameters;
 * an optional {@code Idempotency-Key} header, checked after the query and before the body.
 *
 * @param artistId       the catalog id played, 1..2147483647
 * @param idempotencyKey the client's key for this play, if it sent one
 */
public record PlayRequest(int artistId, Optional<IdempotencyKey> idempotencyKey) {

    /** The field the body has. */
    public static final String ARTIST_ID = "artist_id";

    /** The header that makes a retry safe. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A positive id. */
    public PlayRequest {
        if (artistId < 1) {
            throw new IllegalArgumentException("artistId must be >= 1, got " + artistId);
        }
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /**
     * Reads the call.
     *
     * @throws io.musicrec.http.RejectedRequest 400 for a body that is not exactly {@code {"artist_id": N}}
     *     or a malformed key
     */
    public static PlayRequest parse(Call call) {
        call.query().allowOnly(List.of());
        Optional<IdempotencyKey> key = call.header(IDEMPOTENCY_KEY).map(PlayRequest::key);
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
        return new PlayRequest(JsonBody.requiredInt(body, "$", ARTIST_ID, 1, Integer.MAX_VALUE), key);
    }

    /** The header's key: the bare form (Stripe's) or a quoted string (the IETF draft's structured-field form). */
    private static IdempotencyKey key(String header) {
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        String key = value;
        IdempotencyKey.problem(key).ifPresent(problem -> {
            throw ClientError.badRequest("invalid_idempotency_key", "the Idempotency-Key header is not a key: " + problem
                    + " (send 1 to " + IdempotencyKey.MAX_LENGTH + " characters, e.g. a UUID)");
        });
        return new IdempotencyKey(key);
    }
}
