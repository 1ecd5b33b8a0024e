package io.musicrec.trainer.cli;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.trainer.retrain.TrainerComponents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * {@code publish --model DIR}: uploads a model artifact (the shipped {@code model-artifacts/lastfm-2k},
 * say) to the store of the environment and makes it current. The pointer is written only if it
 * did not move while the files went up.
 */
final class PublishCommand extends Command {
    private final Environment environment;

    PublishCommand(PrintStream out, PrintStream err, Environment environment) {
        super(out, err);
        this.environment = environment;
    }

    @Override
    int run(String[] argv) {
        Args args = Args.parse("publish", argv, 1, Set.of("model"));
        Path directory = args.path("model");
        Model model = ModelArtifact.read(directory);
        try (TrainerComponents context = TrainerComponents.forModels(environment, Clock.systemUTC())) {
            Optional<ModelStore.Current> before = context.store().current();
            ModelStore.Current now = context.store().publish(directory, before);
            out.println("published " + now.modelId() + " (" + model.size() + " artists); current model: " + now.modelId()
                    + before.map(b -> " (was " + b.modelId() + ")").orElse(""));
            return 0;
        }
    }
}
