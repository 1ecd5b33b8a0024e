package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigurationTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgres://musicrec:s3cret-db@db.internal:5432/musicrec");
        env.put("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/recalculations");
        return env;
    }

    private static ApiConfiguration read(Map<String, String> env) {
        return ApiConfiguration.from(Environment.of(env::get));
    }

    @Test
    void readsTheDatabaseAndTheQueueAndNothingElse() {
        ApiConfiguration configuration = read(complete());

        assertEquals("jdbc:postgresql://db.internal:5432/musicrec", configuration.database().jdbcUrl());
        assertEquals("musicrec", configuration.database().user());
        assertEquals("https://sqs.us-east-1.amazonaws.com/123456789012/recalculations", configuration.queue().queueUrl().toString());
    }

    @Test
    void aMissingVariableIsNamed() {
        for (String variable : new String[] {"DATABASE_URL", "QUEUE_URL"}) {
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
        env.put("QUEUE_URL", "not a url");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(env));

        for (String variable : new String[] {"DATABASE_URL", "QUEUE_URL"}) {
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        }
    }

    @Test
    void secretsAreNeverPrinted() {
        Map<String, String> env = complete();
        env.put("AWS_ACCESS_KEY_ID", "key");
        env.put("AWS_SECRET_ACCESS_KEY", "s3cret-aws");

        String shown = read(env).toString();

        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("db.internal"), shown);
    }
}
