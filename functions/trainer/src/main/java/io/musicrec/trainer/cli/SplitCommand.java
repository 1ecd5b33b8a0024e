package io.musicrec.trainer.cli;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.HoldoutSplit;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

/** {@code split}: a seeded per-user random hold-out of a plays file into train and test files. */
final class SplitCommand extends Command {
    private static final Set<String> OPTIONS = Set.of("plays", "train", "test", "seed", "test-share");

    SplitCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("split", argv, 1, OPTIONS);
        PlayMatrix plays = PlaysTsv.read(args.path("plays"));
        double share = args.decimal("test-share", 0.2, 1e-9, 1 - 1e-9);
        HoldoutSplit split = HoldoutSplit.of(plays, share, args.longValue("seed", 1));
        PlaysTsv.write(args.path("train"), split.train());
        PlaysTsv.write(args.path("test"), split.test());
        err.printf("split %,d plays: %,d train, %,d test%n", plays.nonZeros(), split.train().nonZeros(), split.test().nonZeros());
        return 0;
    }
}
