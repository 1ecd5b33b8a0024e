package io.musicrec.trainer.cli;

import io.musicrec.platform.config.Environment;
import io.musicrec.trainer.retrain.TrainerComponents;
import io.musicrec.trainer.retrain.TrainerConfiguration;
import io.musicrec.trainer.retrain.RetrainingReport;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

/**
 * {@code gate --candidate URI --export URI}: a retraining run whose candidate was trained elsewhere
 * (the Spark job, on the export's training side): the same hold-out, gate and conditional publish,
 * the same one-line JSON summary on stdout. Exit 0 published/refused/skipped, 1 failed.
 */
final class GateCommand extends Command {
    private final Environment environment;

    GateCommand(PrintStream out, PrintStream err, Environment environment) {
        super(out, err);
        this.environment = environment;
    }

    @Override
    int run(String[] argv) {
        Args args = Args.parse("gate", argv, 1, Set.of("candidate", "export"));
        String candidate = args.required("candidate");
        String export = args.required("export");
        try (TrainerComponents context = TrainerComponents.forGate(TrainerConfiguration.from(environment), Clock.systemUTC(), out::println,
                export, candidate)) {
            RetrainingReport report = context.retraining().run();
            if (report.decision() == RetrainingReport.Decision.FAILED) {
                err.println("musicrec-trainer: gate failed: " + report.reason());
                return 1;
            }
            err.println("gate " + report.decision().label() + ": " + report.reason());
            return 0;
        }
    }
}
