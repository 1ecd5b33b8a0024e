package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void urlWithoutHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisConnection.open("redis:///0"));
    }
}
