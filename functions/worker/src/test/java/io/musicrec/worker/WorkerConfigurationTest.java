package io.musicrec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.recommend.Mode;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's configuration: what it reads, its defaults, and the errors a deployment mistake gets. */
class WorkerConfigurationTest {

    private static Map<String, String> complete() {
        Map<String, String> variables = new HashMap<>();
        variables.put("DATABASE_URL", "postgres://worker:db-secret@db.internal:5432/musicrec");
        variables.put("REDIS_URL", "rediss://:redis-secret@cache.internal:6379");
        variables.put("MODEL_BUCKET", "musicrec-models");
        variables.put("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/musicrec-recalculations");
        return variables;
    }

    private static WorkerConfiguration read(Map<String, String> variables) {
        return WorkerConfiguration.from(Environment.of(variables::get));
    }

    @Test
    void defaultsAreAHundredArtistsInQuotaModeWithTheModelRecheckedEveryMinuteAndNoSongsWithoutCredentials() {
        WorkerConfiguration settings = read(complete());

        assertEquals(100, settings.recommender().numberOfArtists());
        assertEquals(Mode.HYBRID, settings.recommender().mode());
        assertEquals(ModelProvider.DEFAULT_RECHECK, settings.modelRecheck());
        assertEquals("models", settings.models().prefix());
        assertFalse(settings.spotify().hasCredentials());
        assertEquals("jdbc:postgresql://db.internal:5432/musicrec", settings.database().jdbcUrl());
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(11)), settings.unavailableBackoff(),
                "three receives spread over about 12 hours, each under SQS's 12-hour visibility limit");
    }

    @Test
    void theModeAndTheNumberOfArtistsAreConfiguration() {
        Map<String, String> variables = complete();
        variables.put("RECOMMENDER_MODE", "hybrid");
        variables.put("NUMBER_OF_ARTISTS", "250");

        WorkerConfiguration settings = read(variables);

        assertEquals(Mode.HYBRID, settings.recommender().mode());
        assertEquals(250, settings.recommender().numberOfArtists());
    }

    @Test
    void eachMissingOrMalformedVariableIsNamed() {
        for (String required : new String[] {"DATABASE_URL", "REDIS_URL", "MODEL_BUCKET", "QUEUE_URL"}) {
            Map<String, String> variables = complete();
            variables.remove(required);
            assertEquals(required, assertThrows(ConfigurationException.class, () -> read(variables)).variable());
        }
        Map<String, String> tooMany = complete();
        tooMany.put("NUMBER_OF_ARTISTS", "501");
        assertEquals("NUMBER_OF_ARTISTS", assertThrows(ConfigurationException.class, () -> read(tooMany)).variable());
        Map<String, String> halfSpotify = complete();
        halfSpotify.put("SPOTIFY_CLIENT_ID", "id");
        assertEquals("SPOTIFY_CLIENT_SECRET", assertThrows(ConfigurationException.class, () -> read(halfSpotify)).variable());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> variables = complete();
        variables.remove("DATABASE_URL");
        variables.remove("REDIS_URL");
        variables.put("NUMBER_OF_ARTISTS", "501");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(variables));

        assertEquals(List.of("DATABASE_URL", "REDIS_URL", "NUMBER_OF_ARTISTS"), e.variables());
        assertFalse(e.getMessage().contains("redis-secret"), e.getMessage());
    }

    @Test
    void aMalformedRedisUrlFailsTheColdStartNamingTheVariableBeforeAnyConnectionIsTried() {
        Map<String, String> variables = complete();
        variables.put("REDIS_URL", "http://:redis-secret@cache.internal:6379");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> WorkerComponents.connect(WorkerConfiguration.from(Environment.of(variables::get)), Clock.systemUTC()));

        assertEquals("REDIS_URL", e.variable());
        assertFalse(e.getMessage().contains("redis-secret"), e.getMessage());
    }

    @Test
    void printedSettingsShowNoSecret() {
        String printed = read(complete()).toString();

        assertFalse(printed.contains("db-secret"), printed);
        assertFalse(printed.contains("redis-secret"), printed);
        assertTrue(printed.contains("s3://musicrec-models/models"), printed);
    }
}
