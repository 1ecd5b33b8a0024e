package io.musicrec.cache;

import java.time.Instant;
import java.util.Optional;

/**
 * Where each user's recommendation document lives (Redis in production). One real
 * implementation, {@link RedisRecommendationCache}, with a contract test against a real Redis.
 *
 * <p>{@code userId} is the JWT {@code sub} claim; what is not a {@link io.musicrec.ids.UserId} is
 * refused with {@link IllegalArgumentException}. A Redis that fails throws {@link CacheException}.
 */
public interface RecommendationCache {

    /**
     * Stores {@code document} unless the stored one is newer by ({@code total_plays}, model creation
     * time), in one atomic step. This is the rule that keeps an older result, or a redelivered message
     * handled by a container still on the previous model, from replacing newer work; the same total from
     * the same or a newer model does replace it (songs Spotify answered since).
     *
     * @param modelCreatedAt the {@code created_at} of the model that computed the document (its manifest's)
     * @return true if the document was stored
     */
    boolean putIfNotOlder(String userId, RecommendationDocument document, Instant modelCreatedAt);

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
