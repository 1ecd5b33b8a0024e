package io.musicrec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.aws.AwsClients;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Spark path end to end on embedded PostgreSQL and s3proxy: {@code export-plays} to S3, the Spark
 * job on the export's training side, and {@code gate} reading both from S3 through the retraining's
 * own hold-out, gate and publish: a deliberately bad Spark candidate is refused, a good one published.
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
        Path train = copyTrainingSide(bucket, export);

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

    /** The export's training side on local disk: the job reads s3a:// on EMR, local files here. */
    private Path copyTrainingSide(ModelStoreSettings bucket, String export) throws Exception {
        Path dir = temp.resolve("train");
        try (S3Client s3 = AwsClients.s3(bucket)) {
            UriDirectory source = UriDirectory.of(export, s3);
            List<String> parts = new ArrayList<>();
            for (String part : source.list(PlaysExport.TRAIN)) {
                parts.add(PlaysExport.TRAIN + "/" + part);
            }
            Files.createDirectories(dir.resolve(PlaysExport.TRAIN));
            source.download(parts, dir);
        }
        return dir.resolve(PlaysExport.TRAIN);
    }

    /** Trains with the job and uploads the model directory to s3://bucket/candidates/NAME. */
    private String candidate(ModelStoreSettings bucket, Path train, String name, String... settings) throws Exception {
        Path out = temp.resolve(name);
        List<String> args = new ArrayList<>(List.of("--plays", train.toString(), "--out", out.toString(), "--als-blocks", "2"));
        args.addAll(List.of(settings));
        TrainingJob.run(LocalSpark.get(), TrainingJobOptions.parse(args), Clock.systemUTC());
        String uri = "s3a://" + bucket.bucket() + "/candidates/" + name;
        try (S3Client s3 = AwsClients.s3(bucket)) {
            UriDirectory target = UriDirectory.of(uri, s3);
            for (String file : ModelArtifact.FILES) {
                try (InputStream in = Files.newInputStream(out.resolve(file)); OutputStream o = target.create(file)) {
                    in.transferTo(o);
                }
            }
        }
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
