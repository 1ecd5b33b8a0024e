package io.musicrec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.engine.recommend.Mode;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainingSettingsTest {

    private static RetrainingSettings from(Map<String, String> env) {
        return RetrainingSettings.from(Environment.of(env::get));
    }

    @Test
    void nothingSetMeansTheDefaults() {
        RetrainingSettings settings = from(Map.of());
        assertEquals(RetrainingSettings.defaults().withAls(settings.als()), settings);
        assertEquals(Mode.HYBRID, settings.gateMode());
        assertEquals(0.005, settings.tolerance());
        assertEquals(5, settings.keepVersions());
    }

    @Test
    void theGateFollowsTheServingModeUnlessToldOtherwise() {
        assertEquals(Mode.HYBRID, from(Map.of("RECOMMENDER_MODE", "hybrid")).gateMode());
        assertEquals(Mode.FOLD_IN, from(Map.of("RECOMMENDER_MODE", "hybrid", "RETRAIN_GATE_MODE", "fold-in")).gateMode());
    }

    @Test
    void aPopularGateIsRefusedNamingTheVariableToSet() {
        ConfigurationException serving = assertThrows(ConfigurationException.class, () -> from(Map.of("RECOMMENDER_MODE", "popular")));
        assertEquals("RECOMMENDER_MODE", serving.variable());
        assertEquals("RECOMMENDER_MODE is popular, which does not use the trained model: set RETRAIN_GATE_MODE to quota, hybrid or fold-in",
                serving.getMessage());
        assertEquals("RETRAIN_GATE_MODE", assertThrows(ConfigurationException.class, () -> from(Map.of("RETRAIN_GATE_MODE", "popular"))).variable());
    }

    @Test
    void malformedValuesAreNamed() {
        assertEquals("RETRAIN_NDCG_TOLERANCE must be a number in 0.0..1.0, got 'lots'",
                assertThrows(ConfigurationException.class, () -> from(Map.of("RETRAIN_NDCG_TOLERANCE", "lots"))).getMessage());
        assertEquals("MODEL_KEEP_VERSIONS", assertThrows(ConfigurationException.class, () -> from(Map.of("MODEL_KEEP_VERSIONS", "0"))).variable());
        assertEquals("RETRAIN_HOLDOUT_SHARE", assertThrows(ConfigurationException.class, () -> from(Map.of("RETRAIN_HOLDOUT_SHARE", "0.9"))).variable());
        assertEquals(32, from(Map.of("RETRAIN_FACTORS", "32")).als().factors());
        assertEquals("RETRAIN_MAX_TEST_USERS", assertThrows(ConfigurationException.class,
                () -> from(Map.of("RETRAIN_MIN_TEST_USERS", "500", "RETRAIN_MAX_TEST_USERS", "400"))).variable());
    }
}
