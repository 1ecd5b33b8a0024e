package io.musicrec.api.artists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.http.Call;
import io.musicrec.http.Endpoint;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.Json;
import io.musicrec.platform.catalog.Artist;
import java.util.Objects;

/** {@code GET /artists}: 200 {@code {"artists": [{"artist_id", "name", "listeners"}]}}, possibly empty. */
public final class ArtistSearchEndpoint implements Endpoint {

    private final ArtistSearch search;

    /** @param search the catalog search */
    public ArtistSearchEndpoint(ArtistSearch search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    @Override
    public HttpResponse handle(Call call) {
        ArtistSearchRequest request = ArtistSearchRequest.parse(call);
        ObjectNode body = Json.object();
        ArrayNode artists = body.putArray("artists");
        for (Artist artist : search.search(request)) {
            artists.addObject().put("artist_id", artist.id()).put("name", artist.name()).put("listeners", artist.listeners());
        }
        return HttpResponse.json(200, body);
    }
}
