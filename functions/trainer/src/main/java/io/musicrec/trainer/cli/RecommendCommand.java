package io.musicrec.trainer.cli;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code recommend}: for every user in a plays file, that user's rows are the input; writes
 * {@code user_id rank artist_id score because} rows (rank from 1, because comma-separated).
 */
final class RecommendCommand extends Command {
    static final String HEADER = "user_id\trank\tartist_id\tscore\tbecause";
    private static final Set<String> OPTIONS = Set.of("model", "plays", "n", "mode", "out");

    RecommendCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("recommend", argv, 1, OPTIONS);
        Model model = ModelArtifact.read(args.path("model"));
        PlayMatrix plays = PlaysTsv.read(args.path("plays"));
        int n = args.integer("n", 0, 1, 100_000);
        if (!args.has("n")) {
            throw new UsageException("recommend: missing required option --n");
        }
        Mode mode = args.has("mode") ? Mode.parse(args.required("mode")) : Mode.QUOTA;
        Recommender recommender = Recommender.of(mode, model);
        AtomicFiles.write(args.path("out"), tmp -> {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                w.write(HEADER);
                w.write('\n');
                for (int u = 0; u < plays.rows(); u++) {
                    int userId = plays.rowId(u);
                    List<Recommendation> recs = recommender.recommend(Evaluator.trainPlays(plays, userId), n);
                    for (int r = 0; r < recs.size(); r++) {
                        Recommendation rec = recs.get(r);
                        w.write(userId + "\t" + (r + 1) + "\t" + rec.artistId() + "\t" + String.format(Locale.ROOT, "%.6f", rec.score())
                                + "\t" + rec.because().stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n");
                    }
                }
            }
        });
        err.printf("wrote %s recommendations for %,d users to %s%n", mode, plays.rows(), args.path("out"));
        return 0;
    }
}
