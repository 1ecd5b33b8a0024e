package io.musicrec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerConfigurationTest {

    @Test
    void theDatabaseTheModelsAndTheRetrainingSettingsAreRead() {
        TrainerConfiguration configuration = TrainerConfiguration.from(Environment.of(Map.of(
                "DATABASE_URL", "postgres://trainer@db.internal/musicrec", "MODEL_BUCKET", "musicrec-models",
                "MODEL_KEEP_VERSIONS", "3")::get));

        assertEquals("jdbc:postgresql://db.internal:5432/musicrec", configuration.database().jdbcUrl());
        assertEquals("musicrec-models", configuration.models().bucket());
        assertEquals(3, configuration.retraining().keepVersions());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TrainerConfiguration.from(Environment.of(Map.of("RETRAIN_GATE_MODE", "popular")::get)));

        assertEquals(List.of("DATABASE_URL", "MODEL_BUCKET", "RETRAIN_GATE_MODE"), e.variables());
    }
}
