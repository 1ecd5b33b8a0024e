package io.musicrec.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.trainer.eval.ModelEvaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code evaluate}: ranking metrics at K of a model on a train/test split, per mode; a table, and JSON. */
final class EvaluateCommand extends Command {
    private static final Set<String> OPTIONS = Set.of("model", "train", "test", "k", "modes", "json", "threads");

    EvaluateCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] argv) throws IOException {
        Args args = Args.parse("evaluate", argv, 1, OPTIONS);
        Model model = ModelArtifact.read(args.path("model"));
        PlayMatrix train = PlaysTsv.read(args.path("train"));
        PlayMatrix test = PlaysTsv.read(args.path("test"));
        int k = args.integer("k", 10, 1, 1000);
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 512);
        List<Mode> modes = new ArrayList<>();
        for (String m : args.string("modes", "quota,hybrid,fold-in,popular").split(",")) {
            modes.add(Mode.parse(m.trim()));
        }
        Evaluator evaluator = new Evaluator(k, threads);
        List<Metrics> metrics = new ArrayList<>();
        for (Mode mode : modes) {
            metrics.add(evaluator.evaluate(Recommender.of(mode, model), train, test, model.size()));
        }
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("model_id", model.id());
        protocol.put("train", args.required("train"));
        protocol.put("test", args.required("test"));
        protocol.put("k", k);
        protocol.put("ranking", "full catalog, each user's training artists excluded");
        Map<String, Object> result = ModelEvaluation.toMap(protocol, metrics);
        out.print(ModelEvaluation.table(result));
        if (args.has("json")) {
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(result);
            AtomicFiles.write(args.path("json"), tmp -> Files.write(tmp, json));
        }
        return 0;
    }
}
