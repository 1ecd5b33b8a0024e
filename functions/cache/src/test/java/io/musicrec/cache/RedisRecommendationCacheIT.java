package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.local.services.testing.TestRedis;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real Redis, plus what is particular to the Redis layout. */
class RedisRecommendationCacheIT extends RecommendationCacheContract {

    private static TestRedis redis;
    private static RedisConnection connection;
    private static RedisConnection otherConnection;
    private static RedisRecommendationCache cache;
    private static RedisRecommendationCache otherCache;

    @BeforeAll
    static void connect() {
        redis = TestRedis.start();
        connection = RedisConnection.open(redis.url());
        otherConnection = RedisConnection.open(redis.url());
        cache = new RedisRecommendationCache(connection);
        otherCache = new RedisRecommendationCache(otherConnection);
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        otherConnection.close();
        redis.close();
    }

    @Override
    RecommendationCache cache() {
        return cache;
    }

    @Override
    RecommendationCache anotherCache() {
        return otherCache;
    }

    @Test
    void documentIsAHashOfJsonAndTotalWithoutExpiry() {
        String user = newUser();
        cache.putIfNotOlder(user, ready(15, "model-1"), Instant.parse("2026-11-28T16:36:16.549Z"));

        Map<String, String> hash = connection.sync().hgetall(RedisKeys.recommendations(user));

        assertEquals(Map.of("json", CacheJson.write(ready(15, "model-1")), "total_plays", "15",
                "model_created_at_ms", "1795883776549"), hash);
        assertEquals(-1L, connection.sync().ttl(RedisKeys.recommendations(user)));
    }

    @Test
    void writesStillWorkAfterRedisForgetsTheScripts() {
        assumeTrue(redis.embedded(), "SCRIPT FLUSH would disturb a shared Redis");
        String user = newUser();
        cache.putIfNotOlder(user, ready(5, "model-1"), OLDER_MODEL);
        connection.sync().scriptFlush();
        assertEquals(List.of(false), connection.sync().scriptExists(RedisRecommendationCache.PUT_IF_NOT_OLDER.sha1()));

        assertTrue(cache.putIfNotOlder(user, ready(6, "model-1"), OLDER_MODEL));
        assertTrue(cache.putIfAbsent(newUser(), suggestions()));

        assertEquals(6, cache.get(user).orElseThrow().totalPlays());
        assertEquals(List.of(true), connection.sync().scriptExists(RedisRecommendationCache.PUT_IF_NOT_OLDER.sha1()),
                "EVAL cached the script again");
    }

    @Test
    void totalBeyondWhatLuaComparesExactlyIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> cache.putIfNotOlder(newUser(), ready(RedisRecommendationCache.MAX_TOTAL_PLAYS + 1, "m"), OLDER_MODEL));
    }

    @Test
    void aDocumentStoredWithoutAModelTimeCountsAsTheOldestForItsTotal() {
        String user = newUser();
        String key = RedisKeys.recommendations(user);
        connection.sync().hset(key, Map.of("json", CacheJson.write(ready(10, "model-before")), "total_plays", "10"));

        assertTrue(cache.putIfNotOlder(user, ready(10, "model-old"), OLDER_MODEL), "as before the model field existed");
        assertFalse(cache.putIfNotOlder(user, ready(10, "model-older"), OLDER_MODEL.minusSeconds(1)));

        assertEquals("model-old", cache.get(user).orElseThrow().modelId());
    }
}
