package io.musicrec.ml;

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

class ModelConfigurationTest {

    private static ModelConfiguration read(Map<String, String> env) {
        return ModelConfiguration.from(Environment.of(env::get));
    }

    @Test
    void readsTheBucketWithDefaultsForTheRest() {
        ModelConfiguration configuration = read(Map.of("MODEL_BUCKET", "musicrec-models"));

        assertEquals("musicrec-models", configuration.models().bucket());
        assertEquals("models", configuration.models().prefix());
        assertEquals(100, configuration.recommender().numberOfArtists());
        assertEquals(Mode.HYBRID, configuration.recommender().mode());
    }

    @Test
    void theBucketIsRequiredAndNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of()));

        assertEquals("MODEL_BUCKET", e.variable());
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutSecrets() {
        Map<String, String> env = new HashMap<>();
        env.put("NUMBER_OF_ARTISTS", "1000");
        env.put("AWS_SECRET_ACCESS_KEY", "s3cret-aws");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(env));

        assertTrue(e.getMessage().contains("MODEL_BUCKET") && e.getMessage().contains("NUMBER_OF_ARTISTS"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
