package io.musicrec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Model;
import io.musicrec.local.services.S3Server;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.trainer.retrain.PlaysExport;
import io.musicrec.trainer.retrain.PostgresTrainingSource;
import io.musicrec.trainer.retrain.RetrainingContext;
import io.musicrec.trainer.retrain.RetrainingReport;
import io.musicrec.trainer.retrain.RetrainingSettings;
import io.musicrec.trainer.retrain.UriDirectory;
import io.musicrec.trainer.testing.Plays;
import io.musicrec.trainer.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark path end to end on embedded PostgreSQL and s3proxy: {@code export-plays} to S3, the Spark
 * job reading the export's training side from {@code s3a://} and writing its model there, and
 * {@code gate} reading both through the retraining's own hold-out, gate and publish: a deliberately
 * bad Spark candidate is refused, a good one published.
 */
class SparkGateIT {

    @TempDir
    Path temp;

    @Test
    void gateRefusesABadSparkCandidateAndPublishesAGoodOne() throws Exception {
        DatabaseSettings schema = TestStack.freshSchema();
        Plays.importCatalog(schema);
        PlayMatrix plays = Plays.synthetic(700, 400, 21_000, 11, temp);
        Plays.insertBase(schema, plays, 1, 300);
        Plays.insertUsers(schema, plays, 301, 400, "synthetic-");
        ModelStoreSettings bucket = TestStack.freshBucket();
        Map<String, String> variables = new java.util.HashMap<>(TestStack.environment(schema, bucket));
        variables.put("RETRAIN_NDCG_TOLERANCE", "0.02");
        Environment environment = Environment.of(variables::get);
        String export = "s3://" + bucket.bucket() + "/exports/1";

        try (RetrainingContext context = RetrainingContext.forExport(environment, Clock.systemUTC())) {
            RetrainingSettings settings = RetrainingSettings.from(environment);
            PlaysExport.write(new PostgresTrainingSource(context.database().orElseThrow()).read(), settings.holdoutShare(),
                    settings.splitSeed(), UriDirectory.of(export, context.s3()), 2_000, Clock.systemUTC().instant());
        }
        String train = "s3a://" + bucket.bucket() + "/exports/1/" + PlaysExport.TRAIN;
        LocalSpark.withS3(bucket.endpoint().orElseThrow().toString(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY);

        String bad = candidate(bucket, train, "bad", "--factors", "2", "--iterations", "1", "--spark-reg", "1000000");
        RetrainingReport refused = gate(environment, export, bad);
        assertEquals(RetrainingReport.Decision.REFUSED, refused.decision(), refused.reason());
        assertEquals(Optional.empty(), served(environment));

        String good = candidate(bucket, train, "good", "--iterations", "10");
        RetrainingReport published = gate(environment, export, good);
        assertEquals(RetrainingReport.Decision.PUBLISHED, published.decision(), published.reason());
        assertEquals(published.candidateModel(), served(environment));
        System.out.println("spark gate: bad candidate " + refused.decision().label() + " (" + refused.reason() + "); good candidate "
                + published.decision().label() + " (" + published.reason() + ")");
        try (RetrainingContext context = RetrainingContext.forModels(environment, Clock.systemUTC())) {
            Model model = context.store().load(published.candidateModel().orElseThrow());
            assertEquals(TrainingJob.SOLVER, model.info().hyperparameters().solver());
            assertTrue(model.info().evaluation().containsKey("protocol"), "the gate's metrics are in the published manifest");
        }
    }

    /** Trains with the job from s3a:// to s3a://bucket/candidates/NAME. */
    private static String candidate(ModelStoreSettings bucket, String train, String name, String... settings) throws Exception {
        String uri = "s3a://" + bucket.bucket() + "/candidates/" + name;
        List<String> args = new ArrayList<>(List.of("--plays", train, "--out", uri, "--als-blocks", "2"));
        args.addAll(List.of(settings));
        TrainingJob.run(LocalSpark.get(), TrainingJobOptions.parse(args), Clock.systemUTC());
        return uri;
    }

    private static RetrainingReport gate(Environment environment, String export, String candidate) {
        try (RetrainingContext context = RetrainingContext.forGate(environment, Clock.systemUTC(), line -> { }, export, candidate)) {
            return context.retraining().run();
        }
    }

    private static Optional<String> served(Environment environment) {
        try (RetrainingContext context = RetrainingContext.forModels(environment, Clock.systemUTC())) {
            return context.store().current().map(c -> c.modelId());
        }
    }
}
