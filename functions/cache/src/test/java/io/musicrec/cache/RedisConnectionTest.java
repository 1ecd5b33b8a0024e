package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisConnectionTest {

    @Test
    void missingRedisUrlIsNamedInTheError() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RedisConnection.fromEnvironment(Map.of()));

        assertTrue(refused.getMessage().startsWith("REDIS_URL is not set"), refused.getMessage());
    }

    @Test
    void urlOfAnotherSchemeIsRefusedWithoutRepeatingThePassword() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RedisConnection.fromEnvironment(Map.of("REDIS_URL", "http://:hunter2@cache.internal:6379")));

        assertTrue(refused.getMessage().contains("REDIS_URL must start with redis:// or rediss://"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void redissUrlMeansTlsWithTheAuthTokenAsPassword() {
        RedisURI uri = RedisConnection.parse("rediss://:auth-token@master.musicrec.abc123.use1.cache.amazonaws.com:6379");

        assertTrue(uri.isSsl());
        assertEquals("master.musicrec.abc123.use1.cache.amazonaws.com", uri.getHost());
        assertEquals(6379, uri.getPort());
        assertEquals("auth-token", new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword()));
    }

    @Test
    void redisUrlMeansPlainText() {
        RedisURI uri = RedisConnection.parse("redis://127.0.0.1:6390/2");

        assertFalse(uri.isSsl());
        assertEquals(2, uri.getDatabase());
    }

    @Test
    void urlWithoutHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisConnection.open("redis:///0"));
    }
}
