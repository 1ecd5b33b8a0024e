package io.musicrec.api.plays;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.http.Call;
import io.musicrec.http.ClientError;
import io.musicrec.http.Endpoint;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.Json;
import io.musicrec.platform.plays.IdempotencyKeyReusedException;
import io.musicrec.platform.plays.PlayRecorded;
import io.musicrec.platform.plays.UnknownArtistException;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /plays}: 200 {@code {"artist_id", "plays", "total_plays", "recalculation_queued"}};
 * 404 {@code unknown_artist} when the artist is not in the catalog. With an {@code
 * Idempotency-Key}: a repeat gets the first answer, byte for byte, marked {@code
 * idempotent-replayed: true} (Stripe's header); the key with another artist is 422 {@code
 * idempotency_key_reused} (the IETF draft's status for a key reused with another payload).
 */
public final class PlayEndpoint implements Endpoint {

    private final PlayService service;

    /** @param service records the play */
    public PlayEndpoint(PlayService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public HttpResponse handle(Call call) {
        PlayRequest request = PlayRequest.parse(call);
        PlayRecorded recorded;
        try {
            recorded = service.play(call.caller(), request.artistId(), request.idempotencyKey());
        } catch (UnknownArtistException e) {
            throw ClientError.of(404, "unknown_artist", "artist " + request.artistId()
                    + " is not in the catalog; GET /artists?query=... finds artists to play").reject();
        } catch (IdempotencyKeyReusedException e) {
            throw ClientError.of(422, "idempotency_key_reused", "this Idempotency-Key was first sent with a play of artist "
                    + e.firstArtistId() + ", not " + request.artistId() + "; a key names one play for 24 hours: send a new key with a new play")
                    .reject();
        }
        ObjectNode body = Json.object()
                .put("artist_id", recorded.artistId())
                .put("plays", recorded.plays())
                .put("total_plays", recorded.totalPlays())
                .put("recalculation_queued", recorded.recalculationQueued());
        return new HttpResponse(200, Json.write(body), recorded.replayed() ? Map.of("idempotent-replayed", "true") : Map.of());
    }
}
