package io.musicrec.trainer.cli;

import io.musicrec.platform.config.Environment;
import io.musicrec.trainer.retrain.PlaysExport;
import io.musicrec.trainer.retrain.PostgresTrainingSource;
import io.musicrec.trainer.retrain.TrainerComponents;
import io.musicrec.trainer.retrain.RetrainingSettings;
import io.musicrec.trainer.retrain.TrainingData;
import io.musicrec.trainer.retrain.UriDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

/**
 * {@code export-plays --out URI}: the retraining's plays (the same read, through the same cursor,
 * in one snapshot) split by the same stable hold-out, written as gzip TSV parts for the Spark job.
 * The database keeps serving meanwhile: the read is one REPEATABLE READ transaction.
 */
final class ExportPlaysCommand extends Command {
    private final Environment environment;

    ExportPlaysCommand(PrintStream out, PrintStream err, Environment environment) {
        super(out, err);
        this.environment = environment;
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("export-plays", argv, 1, Set.of("out", "part-rows"));
        String target = args.required("out");
        int partRows = args.integer("part-rows", PlaysExport.DEFAULT_PART_ROWS, 1, Integer.MAX_VALUE);
        RetrainingSettings settings = RetrainingSettings.from(environment);
        Clock clock = Clock.systemUTC();
        try (TrainerComponents context = TrainerComponents.forExport(environment, clock)) {
            long start = System.nanoTime();
            TrainingData data = new PostgresTrainingSource(context.database().orElseThrow()).read();
            double read = (System.nanoTime() - start) / 1e9;
            PlaysExport.Manifest m = PlaysExport.write(data, settings.holdoutShare(), settings.splitSeed(),
                    UriDirectory.of(target, context.s3()), partRows, clock.instant());
            err.printf("exported %,d plays (%,d users x %,d artists; %,d training, %,d held out) to %s in %.1fs (read %.1fs)%n",
                    m.plays(), m.users(), m.artists(), m.trainPlays(), m.testPlays(), target, (System.nanoTime() - start) / 1e9, read);
            out.println(target);
            return 0;
        }
    }
}
