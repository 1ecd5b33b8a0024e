package io.musicrec.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReaderConfigurationTest {

    private static ReaderConfiguration read(Map<String, String> env) {
        return ReaderConfiguration.from(Environment.of(env::get));
    }

    @Test
    void readsTheRedisUrlAsSetAndTheTimeout() {
        Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", "redis://:pass word @cache.internal:6379"));

        ReaderConfiguration configuration = read(env);

        assertEquals("redis://:pass word @cache.internal:6379", configuration.redisUrl());
        assertEquals(ReaderConfiguration.DEFAULT_TIMEOUT, configuration.timeout());
        assertFalse(configuration.toString().contains("pass word"), configuration.toString());
        env.put("FUNCTION_TIMEOUT_SECONDS", "7");
        assertEquals(Duration.ofSeconds(7), read(env).timeout());
    }

    @Test
    void aMissingRedisUrlIsNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of()));

        assertEquals("REDIS_URL", e.variable());
        assertTrue(e.getMessage().startsWith("REDIS_URL is missing"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of("FUNCTION_TIMEOUT_SECONDS", "soon")));

        for (String variable : new String[] {"REDIS_URL", "FUNCTION_TIMEOUT_SECONDS"}) {
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        }
    }
}
