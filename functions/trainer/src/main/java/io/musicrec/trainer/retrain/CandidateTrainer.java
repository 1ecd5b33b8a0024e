package io.musicrec.trainer.retrain;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import java.util.Map;

/** Trains the candidate model of a retraining run ({@link AlsCandidateTrainer}: the trainer's ALS). */
public interface CandidateTrainer {

    /**
     * @param plays       users x artists to learn from
     * @param artistNames artist id to name
     * @param modelId     the id the model is given
     */
    Model train(PlayMatrix plays, Map<Integer, String> artistNames, String modelId);

    /** The settings {@link #train} uses, as the manifest records them. */
    Hyperparameters hyperparameters();
}
