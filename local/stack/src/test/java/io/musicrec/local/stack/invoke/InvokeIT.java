package io.musicrec.local.stack.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.local.stack.LocalStack;
import io.musicrec.local.stack.TestStacks;
import io.musicrec.local.stack.lambda.LambdaLaunch;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.Teardown;
import io.musicrec.platform.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code local/invoke} against a running stack: each test runs a function's real jar (the
 * functions' {@code target/*.jar}, built before this module) in a fresh JVM under AWS's runtime
 * interface client, with the stack's environment read from its data directory as the command does.
 */
class InvokeIT {

    /** The user of the events' JWT claims. */
    private static final String EVENT_USER = "7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17";
    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: ([0-9a-f-]{36})\tInit Duration: [0-9.]+ ms\tDuration: [0-9.]+ ms\tMemory Size: (\\d+) MB\tMax Memory Used: \\d+ MB");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path data;
    private static Map<String, String> environment;
    private static LocalStack stack;
    private static final Teardown TEARDOWN = new Teardown();

    @BeforeAll
    static void start() throws IOException {
        data = TestStacks.dataDirectory(TEARDOWN, "musicrec-invoke-it-");
        environment = TestStacks.environment(data);
        stack = TEARDOWN.add(TestStacks.start(environment, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws Exception {
        TEARDOWN.close();
    }

    @Test
    void theReaderAnswersTheApiGatewayResponseWithTheDocumentFromTheStacksRedis() throws Exception {
        RecommendationDocument document = new RecommendationDocument(RecommendationDocument.Status.READY, "invoke-it-model",
                Instant.parse("2026-12-02T12:00:00Z"), 7, List.of(new RecommendationDocument.Item(289, "Madonna", null, null, null, 0.5, List.of(72))));
        try (RedisConnection redis = RedisConnection.fromEnvironment(stack.functionEnvironment())) {
            new RedisRecommendationCache(redis).putIfNotOlder(EVENT_USER, document, Instant.parse("2026-12-01T03:00:00Z"));
        }

        Run run = invoke("ReaderFunction", "events/reader-get-recommendations.json");

        assertEquals(0, run.status(), run.err());
        JsonNode response = JSON.readTree(run.out());
        assertEquals(200, response.get("statusCode").asInt(), run.out());
        assertEquals("application/json", response.get("headers").get("content-type").asText());
        JsonNode body = JSON.readTree(response.get("body").asText());
        assertEquals("ready", body.get("status").asText(), run.out());
        assertEquals("invoke-it-model", body.get("model_id").asText());
        assertEquals(289, body.get("items").get(0).get("artist_id").asInt());
        Matcher report = run.report();
        assertTrue(run.err().contains("START RequestId: " + report.group(1)), run.err());
        assertEquals("512", report.group(2), "the template's MemorySize");
    }

    @Test
    void theApiRecordsThePlayInTheStacksDatabase() throws Exception {
        try (Database database = new Database(DatabaseSettings.from(Environment.of(stack.functionEnvironment()::get)),
                Database.Options.defaults().withApplicationName("invoke-it"), Clock.systemUTC())) {
            PostgresPlayStore plays = new PostgresPlayStore(database, Clock.systemUTC());
            long before = plays.totalPlays(EVENT_USER);

            Run run = invoke("ApiFunction", "events/api-play.json");

            assertEquals(0, run.status(), run.err());
            JsonNode response = JSON.readTree(run.out());
            assertEquals(200, response.get("statusCode").asInt(), run.out());
            JsonNode body = JSON.readTree(response.get("body").asText());
            assertEquals(289, body.get("artist_id").asInt());
            assertEquals(before + 1, plays.totalPlays(EVENT_USER));
            assertEquals(before + 1, body.get("total_plays").asLong());
            assertTrue(plays.plays(EVENT_USER).stream().anyMatch(play -> play.artistId() == 289), plays.plays(EVENT_USER).toString());
            run.report();
        }
    }

    @Test
    void anEventTheWorkersRuntimeCannotReadComesBackThroughTheErrorPathAndTheCommandFails() throws Exception {
        Path event = data.resolve("not-an-sqs-event.json");
        Files.writeString(event, "{\"Records\": 7}");

        Run run = invoke("WorkerFunction", event.toString());

        assertEquals(1, run.status(), run.err());
        JsonNode error = JSON.readTree(run.out());
        assertEquals("java.lang.RuntimeException", error.get("errorType").asText(), run.out());
        assertTrue(error.get("errorMessage").asText().contains("JSON"), run.out());
        assertEquals("1024", run.report().group(2));
    }

    @Test
    void aMissingHandlerClassComesBackThroughTheErrorPathWithItsType() throws Exception {
        Path root = TestModels.repositoryRoot();
        LambdaLaunch.Function reader = LambdaLaunch.function(Files.readString(root.resolve("template.yaml")), "ReaderFunction");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Invoke.invoke(reader.withHandler("io.musicrec.reader.NoSuchHandler::handleRequest"), root.resolve(reader.codeUri()),
                stack.functionEnvironment(), Files.readAllBytes(root.resolve("events/reader-get-recommendations.json")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, status, err.toString(StandardCharsets.UTF_8));
        JsonNode error = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("java.lang.ClassNotFoundException", error.get("errorType").asText(), error.toString());
        assertTrue(error.get("errorMessage").asText().contains("io.musicrec.reader.NoSuchHandler"), error.toString());
    }

    @Test
    void withoutARunningStackTheCommandSaysToStartOne() throws IOException {
        Path elsewhere = Files.createTempDirectory(data, "no-stack-");
        Map<String, String> noStack = TestStacks.environment(elsewhere);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Invoke.run(
                new String[] {"ReaderFunction", "events/reader-get-recommendations.json"}, Environment.of(noStack::get),
                TestModels.repositoryRoot(), System.out, System.err));

        assertTrue(refused.getMessage().startsWith("start the stack first: local/start"), refused.getMessage());
    }

    // ---------------------------------------------------------------------------------------------

    private record Run(int status, String out, String err) {
        Matcher report() {
            Matcher report = REPORT.matcher(err);
            assertTrue(report.find(), "no REPORT line in: " + err);
            return report;
        }
    }

    /** The command as local/invoke runs it, from the repository root, with the test stack's data directory. */
    private static Run invoke(String function, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Invoke.run(new String[] {function, event}, Environment.of(environment::get), TestModels.repositoryRoot(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
