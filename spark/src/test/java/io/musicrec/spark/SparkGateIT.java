package io.musicrec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Model;
import io.musicrec.local.services.S3Server;
import io.musicrec.local.services.testing.TestLambdaContext;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.trainer.TrainerHandler;
import io.musicrec.trainer.retrain.TrainerComponents;
import io.musicrec.trainer.testing.Plays;
import io.musicrec.trainer.testing.TestStack;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark path as the template's training state machine runs it, on embedded PostgreSQL and
 * s3proxy: its Export step's payload to the trainer's handler (which exports the plays to S3), its
 * Train step's arguments to the job (reading the export and writing its model through {@code
 * s3a://}), its Gate step's payload to the handler (the retraining's own hold-out, gate and
 * publish). A deliberately bad Spark candidate is refused, a good one published.
 */
class SparkGateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theStateMachineExportsTrainsAndGatesAndTheGateRefusesABadSparkCandidateAndPublishesAGoodOne() throws Exception {
        DatabaseSettings schema = TestStack.freshSchema();
        Plays.importCatalog(schema);
        PlayMatrix plays = Plays.synthetic(700, 400, 21_000, 11, temp);
        Plays.insertBase(schema, plays, 1, 300);
        Plays.insertUsers(schema, plays, 301, 400, "synthetic-");
        ModelStoreSettings bucket = TestStack.freshBucket();
        Map<String, String> variables = new HashMap<>(TestStack.environment(schema, bucket));
        variables.put("RETRAIN_NDCG_TOLERANCE", "0.02");
        Environment environment = Environment.of(variables::get);
        TrainerHandler handler = TrainerHandler.create(environment, Clock.systemUTC()).handler();
        LocalSpark.withS3(bucket.endpoint().orElseThrow().toString(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY);

        Map<?, ?> refused = execution(handler, "run-bad", "--factors", "2", "--iterations", "1", "--spark-reg", "1000000");
        assertEquals("refused", refused.get("decision"), String.valueOf(refused));
        assertEquals(Optional.empty(), served(environment));

        Map<?, ?> published = execution(handler, "run-good", "--iterations", "10");
        assertEquals("published", published.get("decision"), String.valueOf(published));
        assertEquals(Optional.of(published.get("candidate_model")), served(environment));
        System.out.println("spark gate: bad candidate " + refused.get("decision") + " (" + refused.get("reason") + "); good candidate "
                + published.get("decision") + " (" + published.get("reason") + ")");
        try (TrainerComponents context = TrainerComponents.forModels(environment, Clock.systemUTC())) {
            Model model = context.store().load(String.valueOf(published.get("candidate_model")));
            assertEquals(TrainingJob.SOLVER, model.info().hyperparameters().solver());
            assertTrue(model.info().evaluation().containsKey("protocol"), "the gate's metrics are in the published manifest");
        }
    }

    @Test
    void theGateStepRefusesPlacesOutsideTheSparkPrefix() throws Exception {
        DatabaseSettings schema = TestStack.freshSchema();
        ModelStoreSettings bucket = TestStack.freshBucket();
        TrainerHandler handler = TrainerHandler.create(Environment.of(TestStack.environment(schema, bucket)::get), Clock.systemUTC())
                .handler();
        String models = "s3://" + bucket.bucket() + "/" + bucket.prefix() + "/x";
        Map<String, Object> gate = Map.of("detail-type", "musicrec training step", "detail",
                Map.of("step", "gate", "export", models, "candidate", models));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> invoke(handler, gate));
        assertEquals("the export must be under s3://" + bucket.bucket() + "/spark/, got '" + models + "'", e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> invoke(handler, Map.of("detail", Map.of("step", "train"))));
        assertEquals("unknown step 'train': export or gate", unknown.getMessage());
    }

    /**
     * One execution of the state machine named {@code name}: each step's input computed from the
     * definition; the job run with the Train step's arguments plus {@code settings} (s3:// read as
     * s3a://, as EMR's own file system reads it).
     */
    private Map<?, ?> execution(TrainerHandler handler, String name, String... settings) throws Exception {
        TrainingStateMachine machine = TrainingStateMachine.load(name);
        assertEquals(List.of("Export", "Train", "Gate"), machine.path());

        Map<String, Object> exported = machine.select("Export", Map.of("Payload",
                invoke(handler, machine.parameters("Export", Map.of()).get("Payload"))));

        Map<String, Object> train = machine.parameters("Train", exported);
        Map<?, ?> submit = (Map<?, ?>) ((Map<?, ?>) train.get("JobDriver")).get("SparkSubmit");
        assertTrue(String.valueOf(submit.get("SparkSubmitParameters")).startsWith("--class " + TrainingJob.class.getName() + " "),
                String.valueOf(submit.get("SparkSubmitParameters")));
        List<String> args = new ArrayList<>();
        for (Object argument : (List<?>) submit.get("EntryPointArguments")) {
            args.add(String.valueOf(argument).replaceFirst("^s3://", "s3a://"));
        }
        args.addAll(List.of("--als-blocks", "2"));
        args.addAll(List.of(settings));
        TrainingJob.run(LocalSpark.get(), TrainingJobOptions.parse(args), Clock.systemUTC());

        String gated = invoke(handler, machine.parameters("Gate", exported).get("Payload"));
        return (Map<?, ?>) machine.select("Gate", Map.of("Payload", gated)).get("report");
    }

    /** The payload as the Lambda runtime hands it to the handler (its ScheduledEvent serializer), and the handler's answer. */
    private static String invoke(TrainerHandler handler, Object payload) throws Exception {
        PojoSerializer<ScheduledEvent> serializer = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                SparkGateIT.class.getClassLoader());
        ScheduledEvent event = serializer.fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(payload)));
        return handler.handleRequest(event, TestLambdaContext.of("musicrec-trainer", 4096, Duration.ofMinutes(15)));
    }

    private static Optional<String> served(Environment environment) {
        try (TrainerComponents context = TrainerComponents.forModels(environment, Clock.systemUTC())) {
            return context.store().current().map(c -> c.modelId());
        }
    }
}
