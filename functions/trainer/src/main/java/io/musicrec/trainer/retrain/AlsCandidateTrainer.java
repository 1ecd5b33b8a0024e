package io.musicrec.trainer.retrain;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.als.AlsTrainer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** {@link CandidateTrainer} with the trainer's implicit ALS ({@link AlsTrainer}). */
public final class AlsCandidateTrainer implements CandidateTrainer {
    private final AlsOptions options;
    private final Clock clock;

    /**
     * @param options the ALS settings ({@link AlsOptions#defaults()} unless configured)
     * @param clock   the model's {@code created_at}
     */
    public AlsCandidateTrainer(AlsOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Model train(PlayMatrix plays, Map<Integer, String> artistNames, String modelId) {
        return new AlsTrainer(options, clock).train(plays, artistNames, modelId, null).model();
    }

    @Override
    public Hyperparameters hyperparameters() {
        return options.toHyperparameters();
    }
}
