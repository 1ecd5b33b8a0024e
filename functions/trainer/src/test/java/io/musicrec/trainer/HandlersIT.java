package io.musicrec.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.local.services.testing.TestLambdaContext;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.testing.EmfLines;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.trainer.quality.Lastfm2k;
import io.musicrec.trainer.testing.Plays;
import io.musicrec.trainer.testing.TestStack;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The trainer's two Lambda handlers, configured from an environment as Lambda would configure them
 * and driven with the sample events in {@code events/}, read the way the Lambda runtime reads them.
 */
class HandlersIT {

    private static final Path EVENTS = Path.of("../../events");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static ScheduledEvent scheduledEvent() throws Exception {
        PojoSerializer<ScheduledEvent> serializer = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                HandlersIT.class.getClassLoader());
        try (InputStream in = Files.newInputStream(EVENTS.resolve("trainer-scheduled.json"))) {
            return serializer.fromJson(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> migrateEvent() throws Exception {
        return JSON.readValue(EVENTS.resolve("trainer-migrate.json").toFile(), Map.class);
    }

    private static long count(DatabaseSettings schema, String table) throws Exception {
        try (Connection c = TestSchemas.connect(schema); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void scheduledEventRunsOneRetrainingAndReturnsItsSummary() throws Exception {
        ScheduledEvent event = scheduledEvent();
        assertEquals("Scheduled Event", event.getDetailType());
        DatabaseSettings schema = TestStack.freshSchema();
        Plays.importCatalog(schema);
        var plays = Plays.synthetic(400, 300, 10_000, 3, temp);
        Plays.insertBase(schema, plays, 1, 250);
        Plays.insertUsers(schema, plays, 251, 400, "handler-");
        ModelStoreSettings bucket = TestStack.freshBucket();
        List<String> logs = Collections.synchronizedList(new ArrayList<>());
        EmfLines metrics = new EmfLines();
        TrainerHandler handler = new TrainerHandler(Environment.of(TestStack.environment(schema, bucket)::get), Clock.systemUTC(), logs::add,
                Metrics.to(TrainerHandler.SERVICE, Clock.systemUTC(), metrics));

        JsonNode first = JSON.readTree(handler.handleRequest(event, context()));
        JsonNode second = JSON.readTree(handler.handleRequest(event, context()));

        assertEquals("published", first.get("decision").asText(), first.toString());
        assertEquals(250, first.at("/data/base_users").asInt());
        assertEquals(150, first.at("/data/live_users").asInt());
        assertEquals("skipped", second.get("decision").asText(), "the same warm container, nothing changed: " + second);
        assertEquals(2, logs.size());
        assertEquals(List.of(1.0, 0.0), metrics.named("ModelsPublished").stream().map(EmfLines.Metric::value).toList());
        metrics.named("ModelsPublished").forEach(m -> assertEquals(Map.of("Service", "trainer"), m.dimensions(),
                "the dimension set the template's alarm watches"));
        List<EmfLines.Metric> runs = metrics.named("RetrainingRuns");
        assertEquals(List.of("published", "skipped"), runs.stream().map(m -> m.dimensions().get("Decision")).toList());
        assertEquals(second.get("reason").asText(), runs.get(1).line().path("reason").asText());
        try (S3Client s3 = AwsClients.s3(bucket)) {
            S3ModelStore store = S3ModelStore.of(s3, bucket, Clock.systemUTC());
            assertEquals(first.get("candidate_model").asText(), store.current().orElseThrow().modelId());
        }
    }

    @Test
    void failedRunIsAnErrorForLambda() throws Exception {
        DatabaseSettings unmigrated = TestStack.emptySchema();
        ModelStoreSettings bucket = TestStack.freshBucket();
        EmfLines metrics = new EmfLines();
        TrainerHandler handler = new TrainerHandler(Environment.of(TestStack.environment(unmigrated, bucket)::get), Clock.systemUTC(),
                line -> { }, Metrics.to(TrainerHandler.SERVICE, Clock.systemUTC(), metrics));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> handler.handleRequest(scheduledEvent(), context()));
        EmfLines.Metric run = metrics.single("RetrainingRuns");
        assertEquals(Map.of("Service", "trainer", "Decision", "failed"), run.dimensions());
        assertTrue(run.line().path("reason").asText().startsWith("read failed: "), run.line().toString());
        assertEquals(0.0, metrics.single("ModelsPublished").value());

        assertTrue(e.getMessage().startsWith("retraining failed: read failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void migrateInitialisesAFreshDatabaseFromTheCurrentModelAndIsIdempotent() throws Exception {
        DatabaseSettings fresh = TestStack.emptySchema();
        ModelStoreSettings bucket = TestStack.freshBucket();
        try (S3Client s3 = AwsClients.s3(bucket)) {
            S3ModelStore.of(s3, bucket, Clock.systemUTC()).publish(Plays.SHIPPED_MODEL);
        }
        MigrateHandler handler = new MigrateHandler(Environment.of(TestStack.environment(fresh, bucket)::get), Clock.systemUTC());

        JsonNode first = JSON.readTree(handler.handleRequest(Map.of(), context()));
        JsonNode again = JSON.readTree(handler.handleRequest(Map.of(), context()));

        assertTrue(first.get("migrations_applied").asInt() >= 1, first.toString());
        assertEquals("model lastfm-2k-v1", first.get("catalog_source").asText());
        assertEquals(17_632, first.get("artists").asInt());
        assertEquals(17_632, count(fresh, "artists"));
        assertEquals(0, again.get("migrations_applied").asInt());
        assertEquals(0, again.get("artists_written").asInt(), "nothing changes the second time");
    }

    @Test
    void migrateImportsTheLastFmFilesFromTheBucketWhenTheEventNamesThem() throws Exception {
        Optional<Path> lastfm = Lastfm2k.locate();
        assumeTrue(lastfm.isPresent(), "the Last.fm 2K files are not here (set MUSICREC_LASTFM_DIR); skipping");
        Map<String, Object> event = migrateEvent();
        String prefix = (String) event.get(MigrateHandler.LASTFM_PREFIX);
        DatabaseSettings fresh = TestStack.emptySchema();
        ModelStoreSettings bucket = TestStack.freshBucket();
        try (S3Client s3 = AwsClients.s3(bucket)) {
            for (String file : List.of("artists.dat", "user_artists.dat")) {
                s3.putObject(b -> b.bucket(bucket.bucket()).key(prefix + "/" + file), RequestBody.fromFile(lastfm.get().resolve(file)));
            }
        }
        MigrateHandler handler = new MigrateHandler(Environment.of(TestStack.environment(fresh, bucket)::get), Clock.systemUTC());

        JsonNode report = JSON.readTree(handler.handleRequest(event, context()));

        assertEquals("s3://" + bucket.bucket() + "/" + prefix, report.get("catalog_source").asText());
        assertEquals(92_834, count(fresh, "base_plays"));
        assertEquals(17_632, count(fresh, "artists"));
    }

    @Test
    void migrateNamesAMissingLastFmFile() throws Exception {
        DatabaseSettings fresh = TestStack.emptySchema();
        ModelStoreSettings bucket = TestStack.freshBucket();
        MigrateHandler handler = new MigrateHandler(Environment.of(TestStack.environment(fresh, bucket)::get), Clock.systemUTC());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handler.handleRequest(Map.of(MigrateHandler.LASTFM_PREFIX, "nowhere"), context()));

        assertEquals("s3://" + bucket.bucket() + "/nowhere/artists.dat does not exist", e.getMessage());
    }

    /** The context Lambda passes the trainer: its name, its memory and fifteen minutes. */
    private static Context context() {
        return TestLambdaContext.of("musicrec-trainer", 3008, Duration.ofMinutes(15));
    }
}
