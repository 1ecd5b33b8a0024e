package io.musicrec.trainer.cli;

import io.musicrec.trainer.synth.SyntheticPlays;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

/** {@code generate}: a synthetic play matrix shaped like Last.fm 360K, for benchmarks. */
final class GenerateCommand extends Command {
    private static final Set<String> OPTIONS = Set.of("out", "users", "artists", "nnz", "seed");

    GenerateCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("generate", argv, 1, OPTIONS);
        int users = args.integer("users", 358_858, 1, 100_000_000);
        int artists = args.integer("artists", 160_112, 2, 100_000_000);
        long nnz = args.longValue("nnz", 17_300_000L);
        SyntheticPlays.Spec spec = new SyntheticPlays.Spec(users, artists, nnz, args.longValue("seed", 1));
        long start = System.nanoTime();
        SyntheticPlays.Summary summary = SyntheticPlays.write(spec, args.path("out"));
        err.printf("generated %,d plays (%,d users x %,d artists) in %.1fs%n", summary.rows(), summary.users(), summary.artists(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
