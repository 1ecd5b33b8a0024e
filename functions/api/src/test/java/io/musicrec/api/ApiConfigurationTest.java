package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.recommend.Mode;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigurationTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgres://musicrec:s3cret-db@db.internal:5432/musicrec");
        env.put("REDIS_URL", "rediss://:s3cret-redis@cache.internal:6379");
        env.put("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/recalculations");
        env.put("MODEL_BUCKET", "musicrec-models");
        return env;
    }

    private static ApiConfiguration read(Map<String, String> env) {
        return ApiConfiguration.from(Environment.of(env::get));
    }

    @Test
    void readsTheRequiredVariablesWithDefaultsForTheRest() {
        ApiConfiguration configuration = read(complete());

        assertEquals("jdbc:postgresql://db.internal:5432/musicrec", configuration.database().jdbcUrl());
        assertEquals("musicrec", configuration.database().user());
        assertEquals("models", configuration.models().prefix());
        assertEquals(100, configuration.recommender().numberOfArtists());
        assertEquals(Mode.HYBRID, configuration.recommender().mode());
        assertFalse(configuration.spotify().hasCredentials());
    }

    @Test
    void aMissingVariableIsNamed() {
        for (String variable : new String[] {"DATABASE_URL", "REDIS_URL", "QUEUE_URL", "MODEL_BUCKET"}) {
            Map<String, String> env = complete();
            env.remove(variable);

            ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(env));

            assertEquals(variable, e.variable());
            assertTrue(e.getMessage().startsWith(variable + " is missing"), e.getMessage());
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> env = complete();
        env.remove("DATABASE_URL");
        env.remove("QUEUE_URL");
        env.put("NUMBER_OF_ARTISTS", "1000");
        env.put("RECOMMENDER_MODE", "best");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(env));

        for (String variable : new String[] {"DATABASE_URL", "QUEUE_URL", "NUMBER_OF_ARTISTS"}) {
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        }
    }

    @Test
    void secretsAreNeverPrinted() {
        Map<String, String> env = complete();
        env.put("SPOTIFY_CLIENT_ID", "client");
        env.put("SPOTIFY_CLIENT_SECRET", "s3cret-spotify");

        String shown = read(env).toString();

        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("cache.internal"), shown);
    }
}
