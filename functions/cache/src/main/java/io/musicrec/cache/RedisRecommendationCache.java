package io.musicrec.cache;

import io.lettuce.core.RedisException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link RecommendationCache} in Redis, one hash per user ({@link RedisKeys}). Must not miss: both
 * writes are Lua scripts, so deciding and writing are one atomic step whatever number of workers
 * write for one user: {@link #putIfNotOlder} compares the stored ({@code total_plays}, model creation
 * time) fields without parsing JSON, {@link #putIfAbsent} writes only when there is no hash. Lua
 * numbers are doubles, so totals above 2<sup>53</sup> are refused.
 */
public final class RedisRecommendationCache implements RecommendationCache {

    /**
     * KEYS[1]: the user's hash. ARGV: JSON field name, total field name, document JSON, total_plays,
     * model field name, the model's creation time in epoch milliseconds. Returns 1 when written, 0
     * when the stored document is newer. A stored field that is not a number (not written by us,
     * or a document from before the model field) counts as absent, i.e. as oldest.
     */
    static final LuaScript PUT_IF_NOT_OLDER = new LuaScript("""
            local total = tonumber(ARGV[4])
            local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[2]))
            if stored and stored > total then
              return 0
            end
            if stored and stored == total then
              local storedModel = tonumber(redis.call('HGET', KEYS[1], ARGV[5]))
              if storedModel and storedModel > tonumber(ARGV[6]) then
                return 0
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[2], ARGV[4], ARGV[5], ARGV[6])
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
    public boolean putIfNotOlder(String userId, RecommendationDocument document, Instant modelCreatedAt) {
        Objects.requireNonNull(modelCreatedAt, "modelCreatedAt");
        long millis = modelCreatedAt.toEpochMilli();
        if (millis < 0 || millis > MAX_TOTAL_PLAYS) {
            throw new IllegalArgumentException("modelCreatedAt must be after 1970 and before 2^53 ms, was " + modelCreatedAt);
        }
        return write(PUT_IF_NOT_OLDER, userId, document, RedisKeys.DOCUMENT_MODEL_CREATED_FIELD, Long.toString(millis));
    }

    @Override
    public boolean putIfAbsent(String userId, RecommendationDocument document) {
        return write(PUT_IF_ABSENT, userId, document);
    }

    @Override
    public Optional<String> getJson(String userId) {
        String key = RedisKeys.recommendations(userId);
        try {
            return Optional.ofNullable(redis.sync().hget(key, RedisKeys.DOCUMENT_JSON_FIELD));
        } catch (RedisException e) {
            throw new CacheException("reading a recommendation document", e);
        }
    }

    @Override
    public Optional<RecommendationDocument> get(String userId) {
        return getJson(userId).map(CacheJson::read);
    }

    private boolean write(LuaScript script, String userId, RecommendationDocument document, String... more) {
        Objects.requireNonNull(document, "document");
        String key = RedisKeys.recommendations(userId);
        long total = document.totalPlays();
        if (total < 0 || total > MAX_TOTAL_PLAYS) {
            throw new IllegalArgumentException("total_plays must be 0.." + MAX_TOTAL_PLAYS + ", was " + total);
        }
        String[] arguments = new String[4 + more.length];
        arguments[0] = RedisKeys.DOCUMENT_JSON_FIELD;
        arguments[1] = RedisKeys.DOCUMENT_TOTAL_PLAYS_FIELD;
        arguments[2] = CacheJson.write(document);
        arguments[3] = Long.toString(total);
        System.arraycopy(more, 0, arguments, 4, more.length);
        try {
            return script.run(redis.sync(), new String[] {key}, arguments) == 1L;
        } catch (RedisException e) {
            throw new CacheException("writing a recommendation document", e);
        }
    }
}
