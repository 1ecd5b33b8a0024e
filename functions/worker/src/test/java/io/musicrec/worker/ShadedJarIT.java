package io.musicrec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.local.services.testing.TestLambdaContext;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestEnvironment;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestServices;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable jar, {@code target/musicrec-worker.jar}, run as Lambda runs it: in a JVM of its
 * own with nothing else on the class path but the runtime's serialization library (and the test
 * driver, {@link LambdaRuntimeStandIn}), configured only through environment variables, built
 * through the handler's public no-argument constructor, fed the event files of {@code events/}.
 * Catches what the in-JVM tests cannot: a class the shade left out, a service file it did not
 * merge, a dependency excluded too eagerly, configuration read from the wrong variable.
 */
class ShadedJarIT {

    private static final Map<String, String> EVENT_USERS = new LinkedHashMap<>();

    static {
        EVENT_USERS.put("7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17", "Radiohead");
        EVENT_USERS.put("auth0|65f1c0ffee0123456789abcd", "Madonna");
        EVENT_USERS.put("0b3c9e52-7f1a-4d2e-9a61-3c5d8e2f7b10", "Daft Punk");
    }

    @Test
    void theShadedJarHandlesTheEventFilesWithConfigurationFromTheEnvironmentOnly(@TempDir Path temporary) throws Exception {
        Path jar = Path.of("target/musicrec-worker.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is built in the package phase, before the integration tests");
        DatabaseSettings database = TestServices.freshCatalog();
        ModelStoreSettings models = TestServices.freshModelBucket();
        SpotifyStandIn spotify = TestStack.spotify();

        List<Recommendation> firstUsersArtists;
        try (Database db = new Database(database, Database.Options.defaults(), Clock.systemUTC());
             RedisConnection redis = RedisConnection.open(TestServices.redisUrl())) {
            PostgresPlayStore plays = new PostgresPlayStore(db, Clock.systemUTC());
            int total = 5;
            for (Map.Entry<String, String> user : EVENT_USERS.entrySet()) {
                redis.sync().del(RedisKeys.recommendations(user.getKey()));
                for (int i = 0; i < total; i++) {
                    plays.recordPlay(user.getKey(), TestStack.artistId(user.getValue()));
                }
                total += 5;
            }
            // The default NUMBER_OF_ARTISTS and mode, and songs for the first user's artists.
            Model model = TestModels.shipped();
            firstUsersArtists = Recommender.of(RecommenderSettings.DEFAULT_MODE, model)
                    .recommend(plays.plays(EVENT_USERS.keySet().iterator().next()), RecommenderSettings.DEFAULT_ARTISTS);
            for (Recommendation recommendation : firstUsersArtists) {
                String name = model.artists().name(model.artists().indexOf(recommendation.artistId()));
                spotify.addArtist(name, List.of(new SpotifyStandIn.Track("Best of " + name, 70)));
                redis.sync().del(RedisKeys.song(recommendation.artistId()));
            }
        }

        Path events = TestModels.repositoryRoot().resolve("events");
        Path output = temporary.resolve("lambda.out");
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + temporary,
                "-cp", String.join(File.pathSeparator, jar.toString(), Path.of("target/test-classes").toAbsolutePath().toString(),
                        codeSource(LambdaEventSerializers.class), codeSource(TestLambdaContext.class)),
                LambdaRuntimeStandIn.class.getName(), WorkerHandler.class.getName(),
                events.resolve("worker-sqs-batch.json").toString(), events.resolve("worker-sqs-poison.json").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = process.environment();
        environment.clear();
        environment.putAll(TestEnvironment.of().database(database).redis(TestServices.redisUrl()).models(models).region(models.aws())
                .queue(TestStack.queue(TestServices.sqsEndpoint() + "/000000000000/no-such-queue"))
                .spotify(spotify.baseUrl()).toMap());

        Process lambda = process.start();
        boolean exited = lambda.waitFor(180, TimeUnit.SECONDS);
        if (!exited) {
            lambda.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println("--- the shaded jar's output ---\n" + log + "--- end ---");
        assertTrue(exited, "the function did not finish in 180 s");
        assertEquals(0, lambda.exitValue(), "exit status");

        List<String> responses = log.lines().filter(line -> line.startsWith("RESPONSE ")).map(line -> line.split(" ", 3)[2]).toList();
        List<String> poisonIds = SampleSqsEvents.ids(SampleSqsEvents.parse(events.resolve("worker-sqs-poison.json"))).subList(1, 3);
        assertEquals(List.of("{\"batchItemFailures\":[]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + poisonIds.get(0) + "\"},{\"itemIdentifier\":\"" + poisonIds.get(1) + "\"}]}"),
                responses);
        assertTrue(log.lines().noneMatch(line -> line.contains(SpotifyStandIn.CLIENT_SECRET) || line.contains(database.password() + "@")),
                "no secret in the log");

        try (RedisConnection redis = RedisConnection.open(TestServices.redisUrl())) {
            RedisRecommendationCache documents = new RedisRecommendationCache(redis);
            long total = 5;
            for (String user : EVENT_USERS.keySet()) {
                RecommendationDocument document = documents.get(user).orElseThrow(() -> new AssertionError("no document for " + user));
                assertEquals(RecommendationDocument.Status.READY, document.status());
                assertEquals(TestStack.MODEL_ID, document.modelId());
                assertEquals(total, document.totalPlays());
                assertEquals(RecommenderSettings.DEFAULT_ARTISTS, document.items().size(), "NUMBER_OF_ARTISTS defaults to 100");
                total += 5;
            }
            RecommendationDocument first = documents.get(EVENT_USERS.keySet().iterator().next()).orElseThrow();
            assertEquals(firstUsersArtists.stream().map(Recommendation::artistId).toList(),
                    first.items().stream().map(RecommendationDocument.Item::artistId).toList(), "hybrid mode by default");
            assertTrue(first.items().stream().allMatch(item -> ("Best of " + item.artistName()).equals(item.songName())),
                    "songs from the stand-in named by SPOTIFY_API_URL");
        }
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
