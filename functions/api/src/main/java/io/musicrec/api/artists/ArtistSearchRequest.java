package io.musicrec.api.artists;

import io.musicrec.http.Call;
import io.musicrec.http.ClientError;
import io.musicrec.platform.catalog.ArtistCatalog;
import java.util.List;
import java.util.Objects;

/**
 * The query of {@code GET /artists}: {@code query} (required, 1..{@value #MAX_QUERY_LENGTH}
 * characters once surrounding spaces are stripped) and {@code limit} (1..{@value
 * ArtistCatalog#MAX_SEARCH_RESULTS}, default {@value #DEFAULT_LIMIT}). A body, if any, is ignored.
 *
 * @param query the text to look for, stripped
 * @param limit the most artists to return
 */
public record ArtistSearchRequest(String query, int limit) {

    /** The longest query, in Unicode code points. */
    public static final int MAX_QUERY_LENGTH = 200;
    /** Results when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 20;

    /** A non-blank query and a limit in range. */
    public ArtistSearchRequest {
        Objects.requireNonNull(query, "query");
        if (query.isBlank() || query.codePointCount(0, query.length()) > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("query must be 1.." + MAX_QUERY_LENGTH + " characters");
        }
        if (limit < 1 || limit > ArtistCatalog.MAX_SEARCH_RESULTS) {
            throw new IllegalArgumentException("limit must be 1.." + ArtistCatalog.MAX_SEARCH_RESULTS + ", got " + limit);
        }
    }

    /**
     * Reads the call's query string.
     *
     * @throws io.musicrec.http.RejectedRequest 400 for a missing, blank or overlong query, a
     *     bad limit or another parameter
     */
    public static ArtistSearchRequest parse(Call call) {
        call.query().allowOnly(List.of("query", "limit"));
        String query = call.query().requiredText("query").strip();
        int length = query.codePointCount(0, query.length());
        if (query.isEmpty()) {
            throw ClientError.badRequest("invalid_parameter", "query parameter query must not be blank");
        }
        if (length > MAX_QUERY_LENGTH) {
            throw ClientError.badRequest("invalid_parameter", "query parameter query must be at most " + MAX_QUERY_LENGTH
                    + " characters, got " + length);
        }
        int limit = call.query().integer("limit", DEFAULT_LIMIT, 1, ArtistCatalog.MAX_SEARCH_RESULTS);
        return new ArtistSearchRequest(query, limit);
    }
}
