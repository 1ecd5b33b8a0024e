package io.musicrec.trainer.retrain;

/** Where the training plays come from (Postgres: {@link PostgresTrainingSource}). */
public interface TrainingSource {

    /**
     * Reads every training play as of one consistent snapshot.
     *
     * @throws RuntimeException when the source cannot be read; nothing is trained then
     */
    TrainingData read();
}
