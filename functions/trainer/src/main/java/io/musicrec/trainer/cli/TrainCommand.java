package io.musicrec.trainer.cli;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.ArtistsTsv;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.HoldoutSplit;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.Weighting;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.als.AlsTrainer;
import io.musicrec.trainer.als.Solver;
import io.musicrec.trainer.eval.ModelEvaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code train}: fits ALS on a plays file and writes a model artifact, optionally with hold-out metrics. */
final class TrainCommand extends Command {
    private static final Set<String> OPTIONS = Set.of("plays", "artists", "out", "factors", "regularization", "alpha",
            "weighting", "iterations", "seed", "threads", "solver", "cg-steps", "neighbours", "bm25-k1", "bm25-b",
            "neighbour-shrinkage", "model-id", "holdout", "split-seed", "k", "notes");

    TrainCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("train", argv, 1, OPTIONS);
        Path playsFile = args.path("plays");
        Path outDir = args.path("out");
        AlsOptions options = options(args);
        double holdout = args.decimal("holdout", 0, 0, 0.9);
        long splitSeed = args.longValue("split-seed", 1);
        int k = args.integer("k", 10, 1, 1000);
        String modelId = args.string("model-id", null);

        PlayMatrix plays = PlaysTsv.read(playsFile);
        Map<Integer, String> names = args.has("artists") ? ArtistsTsv.read(args.path("artists")) : Map.of();
        err.printf("read %,d plays: %,d users x %,d artists%n", plays.nonZeros(), plays.rows(), plays.columns());
        Clock clock = Clock.systemUTC();
        if (modelId == null) {
            modelId = "als-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant())
                    + "-" + plays.digest().substring("sha256:".length(), "sha256:".length() + 8);
        }

        AlsTrainer trainer = new AlsTrainer(options, clock);
        err.printf("training: %s, kernels %s%n", options.toHyperparameters(), trainer.kernels());
        Map<String, Object> evaluation = Map.of();
        if (holdout > 0) {
            HoldoutSplit split = HoldoutSplit.of(plays, holdout, splitSeed);
            err.printf("hold-out: %,d training plays, %,d held out (share %.2f, seed %d)%n",
                    split.train().nonZeros(), split.test().nonZeros(), holdout, splitSeed);
            AlsTrainer.Result heldOut = trainer.train(split.train(), names, modelId, it -> progress("hold-out", it));
            evaluation = ModelEvaluation.evaluateAllModes(heldOut.model(), split, k, options.threads(), holdout, splitSeed);
            err.print(ModelEvaluation.table(evaluation));
        }
        AlsTrainer.Result result = trainer.train(plays, names, modelId, it -> progress("train", it));
        err.printf("trained in %.2fs (%.3fs per iteration), neighbours in %.2fs%n",
                result.solveSeconds(), result.secondsPerIteration(), result.neighbourSeconds());
        Model model = result.model();
        if (!evaluation.isEmpty()) {
            Map<String, Object> withTiming = new LinkedHashMap<>(evaluation);
            model = model.withInfo(model.info().withEvaluation(withTiming));
        }
        String notes = args.has("notes") ? Files.readString(args.path("notes")) : "";
        ModelArtifact.write(model, outDir, Map.of("README.md", readme(argv, playsFile, model, notes)));
        out.println(outDir.resolve(ModelArtifact.MANIFEST));
        err.printf("wrote model %s to %s%n", model.id(), outDir);
        return 0;
    }

    /** How the model was made, for people: the command, the data, the hold-out table, and any notes. */
    @SuppressWarnings("unchecked")
    private static String readme(String[] argv, Path playsFile, Model model, String notes) {
        StringBuilder sb = new StringBuilder();
        var data = model.info().trainingData();
        sb.append("# Model `").append(model.id()).append("`\n\n");
        sb.append("Written by the musicrec trainer (this file is generated; edit the notes file instead):\n\n");
        sb.append("    java --add-modules jdk.incubator.vector -jar functions/trainer/target/musicrec-trainer.jar")
                .append(' ').append(String.join(" ", argv)).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Trained on `%s`: %,d users x %,d artists, %,d play counts (digest `%s`).%n",
                playsFile.getFileName(), data.users(), data.artists(), data.nonZeros(), data.digest()));
        sb.append("Settings, checksums and the full metrics are in `manifest.json`.\n");
        Map<String, Object> evaluation = model.info().evaluation();
        if (evaluation.containsKey("modes")) {
            Map<String, Object> protocol = (Map<String, Object>) evaluation.get("protocol");
            sb.append(String.format(Locale.ROOT, "%n## Hold-out quality%n%nSame settings, trained on the training side of a %s "
                    + "(test share %s, seed %s); %s; K = %s.%n%n", protocol.get("split"), protocol.get("test_share"),
                    protocol.get("split_seed"), protocol.get("ranking"), protocol.get("k")));
            sb.append("| mode | precision | recall | NDCG | MAP | hit rate | coverage |\n|---|---|---|---|---|---|---|\n");
            for (Map.Entry<String, Object> e : ((Map<String, Object>) evaluation.get("modes")).entrySet()) {
                Map<String, Object> m = (Map<String, Object>) e.getValue();
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n", e.getKey(), m.get("precision"),
                        m.get("recall"), m.get("ndcg"), m.get("map"), m.get("hit_rate"), m.get("coverage")));
            }
        }
        if (!notes.isBlank()) {
            sb.append("\n").append(notes.strip()).append("\n");
        }
        return sb.toString();
    }

    private void progress(String phase, AlsTrainer.Iteration it) {
        err.printf("%s iteration %d  %.3fs  (cpu %.3fs)  loss %.6f%n", phase, it.iteration(), it.seconds(), it.cpuSeconds(), it.loss());
    }

    static AlsOptions options(Args args) {
        AlsOptions d = AlsOptions.defaults();
        return new AlsOptions(
                args.integer("factors", d.factors(), 1, 1024),
                args.decimal("regularization", d.regularization(), 0, 1e6),
                args.decimal("alpha", d.alpha(), 1e-9, 1e9),
                args.has("weighting") ? Weighting.parse(args.required("weighting")) : d.weighting(),
                args.decimal("bm25-k1", d.bm25K1(), 1e-9, 1e9),
                args.decimal("bm25-b", d.bm25B(), 0, 1),
                args.integer("iterations", d.iterations(), 1, 1000),
                args.longValue("seed", d.seed()),
                args.integer("threads", d.threads(), 1, 512),
                args.has("solver") ? Solver.parse(args.required("solver")) : d.solver(),
                args.integer("cg-steps", d.cgSteps(), 1, 100),
                args.integer("neighbours", d.neighbours(), 0, 1000),
                args.decimal("neighbour-shrinkage", d.neighbourShrinkage(), 0, 1e9));
    }
}
