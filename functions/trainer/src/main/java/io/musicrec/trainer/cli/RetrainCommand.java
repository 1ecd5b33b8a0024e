package io.musicrec.trainer.cli;

import io.musicrec.platform.config.Environment;
import io.musicrec.trainer.retrain.TrainerComponents;
import io.musicrec.trainer.retrain.TrainerConfiguration;
import io.musicrec.trainer.retrain.RetrainingReport;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

/**
 * {@code retrain}: one retraining run against the Postgres and S3 of the environment, as the
 * scheduled function does it; the one-line JSON summary on stdout. Exit 0 when published, refused
 * or skipped, 1 when the run failed.
 */
final class RetrainCommand extends Command {
    private final Environment environment;

    RetrainCommand(PrintStream out, PrintStream err, Environment environment) {
        super(out, err);
        this.environment = environment;
    }

    @Override
    int run(String[] argv) {
        Args.parse("retrain", argv, 1, Set.of());
        try (TrainerComponents context = TrainerComponents.forRetraining(TrainerConfiguration.from(environment), Clock.systemUTC(), out::println)) {
            RetrainingReport report = context.retraining().run();
            if (report.decision() == RetrainingReport.Decision.FAILED) {
                err.println("musicrec-trainer: retraining failed: " + report.reason());
                return 1;
            }
            err.println("retraining " + report.decision().label() + ": " + report.reason());
            return 0;
        }
    }
}
