package io.musicrec.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@link RecommendationCache} in Redis: one hash per user ({@link RedisKeys#recommendations})
 * holding the document's JSON and, beside it, its {@code total_plays}.
 *
 * <p>Both writes are Lua scripts, so that deciding and writing are one atomic step on the server,
 * whatever number of workers write for the same user at once:
 * <ul>
 *   <li>{@link #putIfNotOlder}: writes unless the stored {@code total_plays} is greater than the new
 *       document's. Equal totals replace each other (a newer model recomputing the same plays wins).
 *       The script compares the stored number field, never parses JSON.
 *   <li>{@link #putIfAbsent}: writes only when the user has no hash at all.
 * </ul>
 * Totals are compared as Lua numbers (doubles), exact up to 2<sup>53</sup>; larger totals are refused.
 */
public final class RedisRecommendationCache implements RecommendationCache {

    /**
     * KEYS[1]: the user's hash. ARGV: JSON field name, total field name, document JSON, total_plays.
     * Returns 1 when written, 0 when the stored total is greater. A stored total that is not a
     * number (not written by us) counts as absent.
     */
    static final LuaScript PUT_IF_NOT_OLDER = new LuaScript("""
            local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[2]))
            if stored and stored > tonumber(ARGV[4]) then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[2], ARGV[4])
            return 1
            """);

    /**
     * KEYS[1]: the user's hash. ARGV: JSON field name, total field name, document JSON, total_plays.
     * Returns 1 when written, 0 when the user already has a document.
     */
    static final LuaScript PUT_IF_ABSENT = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[2], ARGV[4])
            return 1
            """);

    /** The largest total Lua compares exactly. */
    static final long MAX_TOTAL_PLAYS = 1L << 53;

    private final RedisConnection redis;

    /**
     * @param connection the function's Redis connection, shared with its other Redis users
     */
    public RedisRecommendationCache(RedisConnection connection) {
        this.redis = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public boolean putIfNotOlder(String userId, RecommendationDocument document) {
        return write(PUT_IF_NOT_OLDER, userId, document);
    }

    @Override
    public boolean putIfAbsent(String userId, RecommendationDocument document) {
        return write(PUT_IF_ABSENT, userId, document);
    }

    @Override
    public Optional<String> getJson(String userId) {
        return Optional.ofNullable(redis.sync().hget(RedisKeys.recommendations(userId), RedisKeys.DOCUMENT_JSON_FIELD));
    }

    @Override
    public Optional<RecommendationDocument> get(String userId) {
        return getJson(userId).map(json -> CacheJson.read(json, RecommendationDocument.class));
    }

    private boolean write(LuaScript script, String userId, RecommendationDocument document) {
        Objects.requireNonNull(document, "document");
        String key = RedisKeys.recommendations(userId);
        long total = document.totalPlays();
        if (total < 0 || total > MAX_TOTAL_PLAYS) {
            throw new IllegalArgumentException("total_plays must be 0.." + MAX_TOTAL_PLAYS + ", was " + total);
        }
        return script.run(redis.sync(), new String[] {key},
                RedisKeys.DOCUMENT_JSON_FIELD, RedisKeys.DOCUMENT_TOTAL_PLAYS_FIELD,
                CacheJson.write(document), Long.toString(total)) == 1L;
    }
}
