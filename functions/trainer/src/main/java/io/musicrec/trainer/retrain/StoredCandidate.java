package io.musicrec.trainer.retrain;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.ModelInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A candidate trained elsewhere (the Spark job), read from its model directory instead of trained:
 * the {@link CandidateTrainer} that lets an external model through the same {@link Retraining} run,
 * hold-out, gate and publish as the trainer's own.
 *
 * <p>It is accepted only if it was trained on exactly this run's training side (its manifest's data
 * digest equals that side's), so it has never seen a held-out pair; otherwise the run fails saying so.
 */
public final class StoredCandidate implements CandidateTrainer {
    private final UriDirectory directory;
    private final Path workDirectory;
    private Model model;

    public StoredCandidate(UriDirectory directory, Path workDirectory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    }

    private synchronized Model model() {
        if (model == null) {
            if (directory.isLocal()) {
                model = ModelArtifact.read(directory.localPath());
            } else {
                Path local = workDirectory.resolve("candidate-" + UUID.randomUUID());
                try {
                    directory.download(ModelArtifact.FILES, local);
                    model = ModelArtifact.read(local);
                } finally {
                    AtomicFiles.deleteRecursively(local);
                }
            }
        }
        return model;
    }

    @Override
    public Model train(PlayMatrix plays, Map<Integer, String> artistNames, String modelId) {
        Model candidate = model();
        String digest = plays.digest();
        if (!digest.equals(candidate.info().trainingData().digest())) {
            throw new IllegalArgumentException("candidate " + candidate.id() + " at " + directory + " was trained on data with digest "
                    + candidate.info().trainingData().digest() + ", not on this hold-out's training side (" + digest + ")");
        }
        ModelInfo info = candidate.info();
        return candidate.withInfo(new ModelInfo(modelId, info.createdAt(), info.hyperparameters(), info.trainingData(), info.evaluation()));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return model().info().hyperparameters();
    }
}
