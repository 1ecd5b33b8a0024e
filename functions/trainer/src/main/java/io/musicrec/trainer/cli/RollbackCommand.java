package io.musicrec.trainer.cli;

import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.trainer.retrain.TrainerComponents;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rollback --model-id ID}: points the store's current pointer back at a stored version,
 * after checking that it is complete and intact. Unknown or incomplete versions are refused (exit 2)
 * and the pointer stays.
 */
final class RollbackCommand extends Command {
    private final Environment environment;

    RollbackCommand(PrintStream out, PrintStream err, Environment environment) {
        super(out, err);
        this.environment = environment;
    }

    @Override
    int run(String[] argv) {
        Args args = Args.parse("rollback", argv, 1, Set.of("model-id"));
        String modelId = args.required("model-id");
        try (TrainerComponents context = TrainerComponents.forModels(environment, Clock.systemUTC())) {
            List<ModelStore.Version> versions = context.store().versions();
            Optional<ModelStore.Version> target = versions.stream().filter(v -> v.modelId().equals(modelId)).findFirst();
            if (target.isEmpty()) {
                throw new UsageException("rollback: no version " + modelId + " is stored; stored: "
                        + (versions.isEmpty() ? "none" : String.join(", ", versions.stream().map(ModelStore.Version::modelId).toList())));
            }
            if (!target.get().complete()) {
                throw new UsageException("rollback: version " + modelId + " is incomplete (a publish that failed half way); refusing");
            }
            Optional<ModelStore.Current> before = context.store().current();
            ModelStore.Current now = context.store().rollback(modelId);
            out.println("current model: " + now.modelId() + before.map(b -> " (was " + b.modelId() + ")").orElse(""));
            return 0;
        }
    }
}
