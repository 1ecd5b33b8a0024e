package io.musicrec.trainer.cli;

import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.trainer.retrain.TrainerComponents;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code versions}: the stored model versions, newest first; {@code *} marks the current one. */
final class VersionsCommand extends Command {
    private final Environment environment;

    VersionsCommand(PrintStream out, PrintStream err, Environment environment) {
        super(out, err);
        this.environment = environment;
    }

    @Override
    int run(String[] argv) {
        Args.parse("versions", argv, 1, Set.of());
        try (TrainerComponents context = TrainerComponents.forModels(environment, Clock.systemUTC())) {
            Optional<String> current = context.store().current().map(ModelStore.Current::modelId);
            List<ModelStore.Version> versions = context.store().versions();
            if (versions.isEmpty()) {
                out.println("no model versions stored");
            }
            for (ModelStore.Version v : versions) {
                out.println(String.format(Locale.ROOT, "%s %-40s %-24s %8.1f MB  %s", current.filter(v.modelId()::equals).isPresent() ? "*" : " ",
                        v.modelId(), v.storedAt(), v.bytes() / 1e6, v.complete() ? "complete" : "incomplete"));
            }
            if (current.isPresent() && versions.stream().noneMatch(v -> v.modelId().equals(current.get()))) {
                err.println("musicrec-trainer: the pointer names " + current.get() + ", which is not stored");
                return 1;
            }
            return 0;
        }
    }
}
