package io.musicrec.trainer.retrain;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.ConfigurationProblems;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.SecretSettings;
import java.util.Objects;

/**
 * Everything a retraining (the scheduled function's, the gate step's, the CLI's) reads from its
 * environment, before anything connects, through {@link DatabaseSettings}, {@link ModelStoreSettings},
 * {@link RetrainingSettings} and {@link SecretSettings}; every problem is reported at once ({@link
 * ConfigurationProblems}).
 */
public record TrainerConfiguration(DatabaseSettings database, ModelStoreSettings models, RetrainingSettings retraining,
                                   SecretSettings secret) {

    /** All parts are required. */
    public TrainerConfiguration {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(retraining, "retraining");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads every variable.
     *
     * @throws ConfigurationException naming every variable that is missing or malformed
     */
    public static TrainerConfiguration from(Environment environment) {
        ConfigurationProblems problems = new ConfigurationProblems("the trainer");
        DatabaseSettings database = problems.read(() -> DatabaseSettings.from(environment));
        ModelStoreSettings models = problems.read(() -> ModelStoreSettings.from(environment));
        RetrainingSettings retraining = problems.read(() -> RetrainingSettings.from(environment));
        SecretSettings secret = problems.read(() -> SecretSettings.from(environment));
        problems.throwIfAny();
        return new TrainerConfiguration(database, models, retraining, secret);
    }
}
