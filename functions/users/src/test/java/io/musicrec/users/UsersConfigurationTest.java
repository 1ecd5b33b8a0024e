package io.musicrec.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersConfigurationTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgres://musicrec:s3cret-db@db.internal:5432/musicrec");
        env.put("REDIS_URL", "rediss://:s3cret-redis@cache.internal:6379");
        return env;
    }

    private static UsersConfiguration read(Map<String, String> env) {
        return UsersConfiguration.from(Environment.of(env::get));
    }

    @Test
    void readsTheDatabaseRedisAndSpotify() {
        UsersConfiguration configuration = read(complete());

        assertEquals("jdbc:postgresql://db.internal:5432/musicrec", configuration.database().jdbcUrl());
        assertEquals("rediss://:s3cret-redis@cache.internal:6379", configuration.redisUrl());
        assertFalse(configuration.spotify().hasCredentials());
    }

    @Test
    void aMissingVariableIsNamedAndSeveralAreReportedAtOnce() {
        for (String variable : new String[] {"DATABASE_URL", "REDIS_URL"}) {
            Map<String, String> env = complete();
            env.remove(variable);
            assertEquals(variable, assertThrows(ConfigurationException.class, () -> read(env)).variable());
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of()));
        assertTrue(e.getMessage().contains("DATABASE_URL") && e.getMessage().contains("REDIS_URL"), e.getMessage());
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
