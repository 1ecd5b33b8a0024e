package io.musicrec.trainer.cli;

import io.musicrec.engine.artifact.ArtifactException;
import io.musicrec.engine.data.InputException;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelStoreException;
import io.musicrec.platform.models.PointerMovedException;
import io.musicrec.platform.postgres.DatabaseException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * {@code java -jar musicrec-trainer.jar <command> [--option value ...]}. Exit code 0 on success,
 * 2 on bad arguments or input (one line on stderr says why), 1 when something else failed.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar musicrec-trainer.jar <command> [options]",
            "",
            "commands:",
            "  train     --plays FILE [--artists FILE] --out DIR [--factors 64 --regularization 20 --alpha 0.0075",
            "            --weighting raw|log1p|bm25 --iterations 15 --seed 42 --threads N --solver cg|cholesky",
            "            --cg-steps 3 --neighbours 50 --neighbour-shrinkage 5 --bm25-k1 100 --bm25-b 0.8 --model-id ID",
            "            --holdout 0.2 --split-seed 1 --k 10 --notes FILE]",
            "  recommend --model DIR --plays FILE --n N [--mode quota|hybrid|fold-in|popular] --out FILE",
            "  evaluate  --model DIR --train FILE --test FILE [--k 10 --modes quota,hybrid,fold-in,popular --json FILE]",
            "  split     --plays FILE --train OUT --test OUT [--seed 1 --test-share 0.2]",
            "  generate  --out FILE [--users 358858 --artists 160112 --nnz 17300000 --seed 1]",
            "  tune      --plays FILE [--factors 32,64 --regularization 0.01,0.1 --alpha 0.5,1 --weighting bm25,log1p",
            "            --test-share 0.2 --split-seed 1 --validation-share 0.2 --validation-seed 2 --select hybrid --json FILE]",
            "",
            "model store and retraining (configured from the environment, as the Lambda functions are):",
            "  retrain   one retraining run: read the plays from Postgres, train, gate, publish if not worse;",
            "            the one-line JSON summary on stdout. Exit 0 published/refused/skipped, 1 failed.",
            "            DATABASE_URL, MODEL_BUCKET [MODEL_KEY=models S3_ENDPOINT AWS_REGION RECOMMENDER_MODE",
            "            RETRAIN_HOLDOUT_SHARE=0.1 RETRAIN_SPLIT_SEED=1 RETRAIN_GATE_MODE RETRAIN_NDCG_TOLERANCE=0.005",
            "            RETRAIN_MIN_TEST_USERS=100 RETRAIN_MAX_TEST_USERS=20000 MODEL_KEEP_VERSIONS=5",
            "            RETRAIN_FACTORS RETRAIN_ITERATIONS RETRAIN_REGULARIZATION RETRAIN_ALPHA]",
            "  publish   --model DIR       upload a model artifact and make it current (MODEL_BUCKET ...)",
            "  rollback  --model-id ID     point the current pointer back at a stored, complete version",
            "  versions                    list the stored versions, newest first; * marks the current one",
            "  export-plays --out URI [--part-rows 1000000]",
            "            the retraining's plays, split by its hold-out, as gzip TSV parts for the Spark job",
            "            (a local path, s3:// or s3a://; DATABASE_URL, MODEL_BUCKET ... as retrain)",
            "  gate      --candidate URI --export URI",
            "            a retraining run that gates and publishes a model trained elsewhere on that export",
            "            instead of training one; the same summary and exit codes as retrain",
            "",
            "The ALS kernels use the Vector API when java runs with --add-modules jdk.incubator.vector.");

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Environment.system());
    }

    /** Runs one command with {@code environment} in place of the process's (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Environment environment) {
        if (args.length == 0 || Arrays.asList("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "train":
                    return new TrainCommand(out, err).run(args);
                case "recommend":
                    return new RecommendCommand(out, err).run(args);
                case "evaluate":
                    return new EvaluateCommand(out, err).run(args);
                case "split":
                    return new SplitCommand(out, err).run(args);
                case "generate":
                    return new GenerateCommand(out, err).run(args);
                case "tune":
                    return new TuneCommand(out, err).run(args);
                case "retrain":
                    return new RetrainCommand(out, err, environment).run(args);
                case "publish":
                    return new PublishCommand(out, err, environment).run(args);
                case "rollback":
                    return new RollbackCommand(out, err, environment).run(args);
                case "versions":
                    return new VersionsCommand(out, err, environment).run(args);
                case "export-plays":
                    return new ExportPlaysCommand(out, err, environment).run(args);
                case "gate":
                    return new GateCommand(out, err, environment).run(args);
                default:
                    throw new UsageException("unknown command '" + args[0]
                            + "' (train, recommend, evaluate, split, generate, tune, retrain, publish, rollback, versions, export-plays, gate)");
            }
        } catch (UsageException | InputException | ArtifactException | IllegalArgumentException | ConfigurationException e) {
            err.println("musicrec-trainer: " + oneLine(e.getMessage()));
            return 2;
        } catch (ModelStoreException | PointerMovedException | DatabaseException e) {
            err.println("musicrec-trainer: " + oneLine(e.getMessage()));
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("musicrec-trainer: I/O error: " + oneLine(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
