package io.musicrec.cache;

import java.util.Optional;

/**
 * Where each user's recommendation document lives (Redis in production). One real
 * implementation, {@link RedisRecommendationCache}, with a contract test against a real Redis.
 *
 * <p>{@code userId} is the JWT {@code sub} claim: not blank, at most 255 characters; anything else
 * is refused with {@link IllegalArgumentException}.
 */
public interface RecommendationCache {

    /**
     * Stores {@code document} for {@code userId} unless the stored document was computed for more
     * plays ({@code total_plays} greater than this one's): an older result never replaces a newer
     * one. A document with the same {@code total_plays} does replace the stored one (a newer model
     * recomputing the same plays). The comparison and the write are one atomic step on the server.
     *
     * @return true if the document was stored
     */
    boolean putIfNotOlder(String userId, RecommendationDocument document);

    /**
     * Stores {@code document} only if the user has no document at all (registration suggestions).
     *
     * @return true if the document was stored
     */
    boolean putIfAbsent(String userId, RecommendationDocument document);

    /** The stored document as JSON, exactly as stored, for the read function to pass through. */
    Optional<String> getJson(String userId);

    /** The stored document, parsed. */
    Optional<RecommendationDocument> get(String userId);
}
