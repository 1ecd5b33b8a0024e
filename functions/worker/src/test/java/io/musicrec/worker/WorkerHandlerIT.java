package io.musicrec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RecommendationDocument.Status;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.ModelInfo;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import io.musicrec.local.services.RedisServer;
import io.musicrec.local.services.ServerOptions;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.local.services.SpotifyStandIn.Failure;
import io.musicrec.local.services.SpotifyStandIn.Track;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.local.services.testing.TestLambdaContext;
import io.musicrec.platform.catalog.SearchKey;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.plays.PlayHistory;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.queue.RecalculationRequest;
import io.musicrec.platform.songs.SpotifySettings;
import io.musicrec.platform.testing.EmfLines;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worker handler end to end on real servers: PostgreSQL with the catalog imported from the
 * shipped model, the model published to s3proxy, Redis, and the Spotify stand-in. Events are read
 * the way the Lambda runtime reads them. Expectations are computed with the engine over the same
 * model, so "N items from the model" means exactly the engine's list for the user's plays.
 */
class WorkerHandlerIT {

    /** Small enough to keep each recalculation quick; the shaded-jar test runs the default 100. */
    private static final int N = 20;

    private static DatabaseSettings database;
    private static ModelStoreSettings models;
    private static Database db;
    private static PostgresPlayStore plays;
    private static RedisConnection redis;
    private static RedisRecommendationCache documents;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private MutableClock clock;

    @BeforeAll
    static void servers() {
        database = TestServices.freshCatalog();
        models = TestServices.freshModelBucket();
        db = new Database(database, Database.Options.defaults(), Clock.systemUTC());
        plays = new PostgresPlayStore(db, Clock.systemUTC());
        redis = RedisConnection.open(TestServices.redisUrl());
        documents = new RedisRecommendationCache(redis);
    }

    @AfterAll
    static void disconnect() {
        db.close();
        redis.close();
    }

    @BeforeEach
    void clock() {
        clock = new MutableClock(Instant.parse("2026-11-28T18:00:00Z"));
    }

    @AfterEach
    void close() throws Exception {
        TestStack.spotify().recover();
        Collections.reverse(closeAfter);
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        closeAfter.clear();
    }

    @Test
    void aUserWithPlaysGetsAReadyDocumentOfTheModelsArtistsWithNamesSongsAndBecause() {
        String user = newUser();
        PlayHistory history = play(user, "Radiohead", 3, "Muse", 2);
        List<Recommendation> expected = expected(user);
        songsOnSpotify(expected);

        SQSBatchResponse response = handler().handleRequest(SampleSqsEvents.of(body(user, 5)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(response));
        RecommendationDocument document = document(user);
        assertEquals(Status.READY, document.status());
        assertEquals(TestStack.MODEL_ID, document.modelId());
        assertEquals(clock.instant(), document.generatedAt());
        assertEquals(5, document.totalPlays());
        assertEquals(ids(expected), itemIds(document));
        assertEquals(N, document.items().size());
        Set<Integer> played = history.plays().stream().map(UserPlay::artistId).collect(Collectors.toSet());
        for (int i = 0; i < N; i++) {
            RecommendationDocument.Item item = document.items().get(i);
            assertFalse(played.contains(item.artistId()), "recommends artist " + item.artistId() + ", already played");
            assertEquals(name(item.artistId()), item.artistName());
            assertEquals(songOf(item.artistName()), item.songName(), "song of " + item.artistName());
            assertNotNull(item.image());
            assertNotNull(item.url());
            assertEquals(expected.get(i).score(), item.score(), 1e-6);
            assertEquals(expected.get(i).because(), item.because());
            assertFalse(item.because().isEmpty());
            assertTrue(played.containsAll(item.because()), "because names played artists: " + item.because());
        }
        String json = documents.getJson(user).orElseThrow();
        for (String field : List.of("\"status\":\"ready\"", "\"model_id\":\"lastfm-2k-v1\"", "\"generated_at\":\"2026-11-28T18:00:00Z\"",
                "\"total_plays\":5", "\"artist_name\":", "\"song_name\":", "\"image\":", "\"url\":", "\"score\":", "\"because\":[")) {
            assertTrue(json.contains(field), "stored JSON has " + field + ": " + json);
        }
    }

    @Test
    void aResultComputedFromFewerPlaysNeverReplacesOneComputedFromMore() throws Exception {
        String user = newUser();
        play(user, "Daft Punk", 10);
        forgetSongs(expected(user));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SpotifyStandIn silent = SpotifyStandIn.start(0)) {
            // Worker A reads the snapshot at 10 plays, then waits on a Spotify that does not answer.
            silent.failWith(Failure.noAnswer());
            WorkerHandler slow = handler(withSpotify(TestStack.settings(database, models, N),
                    SpotifySettings.of(SpotifyStandIn.CLIENT_ID, SpotifyStandIn.CLIENT_SECRET, URI.create(silent.baseUrl()))
                            .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30))));
            Future<SQSBatchResponse> atTen = background.submit(() -> slow.handleRequest(SampleSqsEvents.of(body(user, 10)), context()));
            await(() -> silent.tokenRequests() > 0, "worker A to reach Spotify");

            // Meanwhile five more plays, and worker B (another container) writes the result for 15.
            play(user, "Justice", 5);
            List<Recommendation> atFifteen = expected(user);
            songsOnSpotify(atFifteen);
            SQSBatchResponse fifteen = handler().handleRequest(SampleSqsEvents.of(body(user, 15)), context());
            assertEquals(List.of(), SampleSqsEvents.failedIds(fifteen));
            assertEquals(15, document(user).totalPlays());

            // A finishes last, with its result for 10: dropped, and not a failure either.
            silent.recover();
            assertEquals(List.of(), SampleSqsEvents.failedIds(atTen.get(30, TimeUnit.SECONDS)));
            RecommendationDocument document = document(user);
            assertEquals(15, document.totalPlays());
            assertEquals(ids(atFifteen), itemIds(document));
            assertEquals(songOf(document.items().get(0).artistName()), document.items().get(0).songName(), "B's songs stay");
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void theDocumentRecordsTheTotalItWasComputedFromNotTheMessagesTotal() {
        String user = newUser();
        play(user, "Coldplay", 15);
        WorkerHandler handler = handler();

        handler.handleRequest(SampleSqsEvents.of(body(user, 15)), context());
        SQSBatchResponse late = handler.handleRequest(SampleSqsEvents.of(body(user, 10)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(late), "a late message is not an error");
        assertEquals(15, document(user).totalPlays(), "the message for 10 arrived after 15 plays: still 15");
    }

    @Test
    void aPoisonMessageIsReportedAsAFailureWhileItsBatchMatesSucceed() {
        String first = newUser();
        String second = newUser();
        play(first, "The Beatles", 5);
        play(second, "Madonna", 5);
        SQSEvent event = SampleSqsEvents.of(
                body(first, 5),
                "not json",
                "{\"user_id\":\"" + first + "\"}",
                body(second, 5),
                "{\"user_id\":\"" + first + "\",\"total_plays\":0}",
                "{\"user_id\":\"   \",\"total_plays\":5}",
                "{\"user_id\":\"" + first + "\",\"total_plays\":\"five\"}",
                "null",
                "[]");
        List<String> ids = SampleSqsEvents.ids(event);

        SQSBatchResponse response = handler().handleRequest(event, context());

        assertEquals(List.of(ids.get(1), ids.get(2), ids.get(4), ids.get(5), ids.get(6), ids.get(7), ids.get(8)),
                SampleSqsEvents.failedIds(response));
        assertEquals(5, document(first).totalPlays());
        assertEquals(5, document(second).totalPlays());
    }

    @Test
    void aTotalGivenAsAStringOrAsANonIntegerIsAPoisonMessage() {
        String user = newUser();
        play(user, "The Beatles", 5);
        SQSEvent event = SampleSqsEvents.of(
                "{\"user_id\":\"" + user + "\",\"total_plays\":\"5\"}",
                "{\"user_id\":\"" + user + "\",\"total_plays\":5.7}",
                "{\"user_id\":\"" + user + "\",\"total_plays\":5.0}",
                body(user, 5));
        List<String> ids = SampleSqsEvents.ids(event);

        SQSBatchResponse response = handler().handleRequest(event, context());

        assertEquals(ids.subList(0, 3), SampleSqsEvents.failedIds(response), "refused as they are, not read as 5");
        assertEquals(5, document(user).totalPlays(), "the well-formed batch-mate is processed");
    }

    @Test
    void eachBatchCountsItsWrittenStaleSkippedAndFailedMessagesAndTheModelInUseIsReported() {
        String user = newUser();
        String ahead = newUser();
        play(user, "Coldplay", 15);
        play(ahead, "Coldplay", 15);
        // Another container stored a document from more plays (the user played on meanwhile).
        documents.putIfNotOlder(ahead, new RecommendationDocument(Status.READY, TestStack.MODEL_ID, clock.instant(), 20, List.of()), clock.instant());
        EmfLines metrics = new EmfLines();
        WorkerHandler handler = handler(TestStack.settings(database, models, N), metrics);

        handler.handleRequest(SampleSqsEvents.of(body(user, 15), body(ahead, 15), body(newUser(), 5), "not json"), context());

        for (String metric : List.of("RecalculationsWritten", "RecalculationsDroppedStale", "RecalculationsSkipped",
                "RecalculationsFailed")) {
            EmfLines.Metric value = metrics.single(metric);
            assertEquals(1.0, value.value(), metric);
            assertEquals("Count", value.unit(), metric);
            assertEquals(Map.of("Service", "worker"), value.dimensions(), metric);
        }
        EmfLines.Metric model = metrics.single("ModelInUse");
        assertEquals(Map.of("Service", "worker", "ModelId", TestStack.MODEL_ID), model.dimensions());
        assertEquals("musicrec", model.namespace());
    }

    @Test
    void theEventFilesAreProcessedAsLambdaDeliversThem() {
        // The users of events/worker-sqs-*.json, with the plays their messages were queued at.
        Map<String, String> seeds = new LinkedHashMap<>();
        seeds.put("7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17", "Lady Gaga");
        seeds.put("auth0|65f1c0ffee0123456789abcd", "Metallica");
        seeds.put("0b3c9e52-7f1a-4d2e-9a61-3c5d8e2f7b10", "Nirvana");
        int total = 5;
        for (Map.Entry<String, String> seed : seeds.entrySet()) {
            redis.sync().del(RedisKeys.recommendations(seed.getKey()));
            play(seed.getKey(), seed.getValue(), total);
            total += 5;
        }
        WorkerHandler handler = handler();

        SQSEvent batch = SampleSqsEvents.parse(TestModels.repositoryRoot().resolve("events/worker-sqs-batch.json"));
        SQSBatchResponse response = handler.handleRequest(batch, context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(response));
        assertEquals(List.of(5L, 10L, 15L), seeds.keySet().stream().map(user -> document(user).totalPlays()).toList());

        SQSEvent poison = SampleSqsEvents.parse(TestModels.repositoryRoot().resolve("events/worker-sqs-poison.json"));
        SQSBatchResponse poisoned = handler.handleRequest(poison, context());

        assertEquals(SampleSqsEvents.ids(poison).subList(1, 3), SampleSqsEvents.failedIds(poisoned));
        assertEquals(5, document("7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17").totalPlays(), "the plays' total, not the message's 20");
    }

    static Stream<Arguments> spotifyFailures() {
        return Stream.of(
                Arguments.of("429 with Retry-After", Failure.tooManyRequests(60)),
                Arguments.of("500", Failure.serverError()),
                Arguments.of("no answer", Failure.noAnswer()));
    }

    @ParameterizedTest(name = "Spotify answering {0}")
    @MethodSource("spotifyFailures")
    void whenSpotifyFailsTheItemsAreWrittenWithoutSongsAndALaterRecalculationFillsThem(String label, Failure failure) {
        String user = newUser();
        play(user, "Britney Spears", 5);
        List<Recommendation> expected = expected(user);
        songsOnSpotify(expected);
        WorkerHandler handler = handler();
        TestStack.spotify().failWith(failure);

        SQSBatchResponse response = handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(response));
        RecommendationDocument withoutSongs = document(user);
        assertEquals(ids(expected), itemIds(withoutSongs));
        for (RecommendationDocument.Item item : withoutSongs.items()) {
            assertEquals(name(item.artistId()), item.artistName());
            assertNull(item.songName());
            assertNull(item.image());
            assertNull(item.url());
        }

        TestStack.spotify().recover();
        // Past the Retry-After (60 s) and the pause after a failure without one (30 s).
        clock.advance(Duration.ofMinutes(2));
        SQSBatchResponse again = handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(again));
        RecommendationDocument withSongs = document(user);
        assertEquals(ids(expected), itemIds(withSongs));
        assertEquals(clock.instant(), withSongs.generatedAt());
        for (RecommendationDocument.Item item : withSongs.items()) {
            assertEquals(songOf(item.artistName()), item.songName());
            assertNotNull(item.url());
        }
    }

    @Test
    void withoutSpotifyCredentialsTheItemsAreWrittenWithoutSongsAndSpotifyIsNotAsked() {
        String user = newUser();
        play(user, "Muse", 5);
        List<Recommendation> expected = expected(user);
        songsOnSpotify(expected);
        WorkerHandler handler = handler(withSpotify(TestStack.settings(database, models, N),
                SpotifySettings.of(null, null, URI.create(TestStack.spotify().baseUrl()))));
        TestStack.spotify().resetCounters();

        SQSBatchResponse response = handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(response));
        RecommendationDocument document = document(user);
        assertEquals(ids(expected), itemIds(document));
        assertTrue(document.items().stream().allMatch(item -> item.songName() == null && item.artistName() != null));
        assertEquals(0, TestStack.spotify().tokenRequests() + TestStack.spotify().searchRequests());
    }

    @Test
    void aNewlyPublishedModelIsUsedAfterTheRecheckIntervalByTheSameHandler(@TempDir Path temporary) throws IOException, InterruptedException {
        ModelStoreSettings bucket = TestServices.freshModelBucket();
        WorkerHandler handler = handler(TestStack.settings(database, bucket, N));
        String user = newUser();
        play(user, "Radiohead", 5);
        handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context());
        assertEquals(TestStack.MODEL_ID, document(user).modelId());

        Model current = TestModels.shipped();
        ModelInfo info = current.info();
        Path next = temporary.resolve("lastfm-2k-v2");
        ModelArtifact.write(current.withInfo(new ModelInfo("lastfm-2k-v2", clock.instant(), info.hyperparameters(),
                info.trainingData(), info.evaluation())), next);
        TestServices.publish(bucket, next);

        clock.advance(Duration.ofSeconds(30));
        handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context());
        assertEquals(TestStack.MODEL_ID, document(user).modelId(), "the pointer is read at most once a minute");

        clock.advance(Duration.ofSeconds(31));
        SQSBatchResponse response = handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context());
        assertEquals(List.of(), SampleSqsEvents.failedIds(response), "served by the loaded model while the check runs in the background");
        await(() -> SampleSqsEvents.failedIds(handler.handleRequest(SampleSqsEvents.of(body(user, 5)), context())).isEmpty()
                && "lastfm-2k-v2".equals(document(user).modelId()), "a message recommending with the new model");
        RecommendationDocument document = document(user);
        assertEquals("lastfm-2k-v2", document.modelId());
        assertEquals(ids(expected(user)), itemIds(document), "same factors, same artists");
    }

    @Test
    void aMessageForAUserWithoutPlaysIsAcknowledgedAndWritesNothing() {
        String stranger = newUser();
        String registered = newUser();
        plays.register(registered);
        RecommendationDocument suggestions = new RecommendationDocument(Status.SUGGESTIONS, TestStack.MODEL_ID,
                clock.instant(), 0, List.of(new RecommendationDocument.Item(289, "Britney Spears", null, null, null, 0.5, List.of())));
        documents.putIfAbsent(registered, suggestions);

        SQSBatchResponse response = handler().handleRequest(SampleSqsEvents.of(body(stranger, 5), body(registered, 5)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(response), "nothing to retry: more deliveries would find no plays either");
        assertTrue(documents.get(stranger).isEmpty());
        assertEquals(suggestions, documents.get(registered).orElseThrow(), "the registration suggestions stay");
    }

    @Test
    void playsOnlyOfArtistsTheModelDoesNotKnowGetThePopularityFallback() throws SQLException {
        int newcomer = 50_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        try (Connection connection = TestSchemas.connect(database);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO artists (id, name, search_name) VALUES (?, ?, ?)")) {
            insert.setInt(1, newcomer);
            insert.setString(2, "Newcomer " + newcomer);
            insert.setString(3, SearchKey.of("Newcomer " + newcomer));
            insert.executeUpdate();
        }
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            plays.recordPlay(user, newcomer);
        }

        SQSBatchResponse response = handler().handleRequest(SampleSqsEvents.of(body(user, 5)), context());

        assertEquals(List.of(), SampleSqsEvents.failedIds(response));
        RecommendationDocument document = document(user);
        assertEquals(ids(Recommender.of(Mode.POPULAR, TestModels.shipped()).recommend(List.of(), N)), itemIds(document));
        assertTrue(document.items().stream().allMatch(item -> item.because().isEmpty()));
    }

    @Test
    void anUnreachableDatabaseFailsEveryMessageOfTheBatchForSqsToDeliverAgain() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres", "postgres", "postgres");
        WorkerHandler handler = handler(TestStack.settings(nowhere, models, N));
        String user = newUser();
        SQSEvent event = SampleSqsEvents.of(body(user, 5), body(newUser(), 5), body(newUser(), 10));

        SQSBatchResponse response = handler.handleRequest(event, context());

        assertEquals(SampleSqsEvents.ids(event), SampleSqsEvents.failedIds(response));
        assertTrue(documents.get(user).isEmpty());
    }

    @Test
    void anUnreachableRedisFailsTheMessagesForSqsToDeliverAgain() {
        String user = newUser();
        play(user, "Coldplay", 5);
        RedisServer own = RedisServer.start(ServerOptions.ephemeral());
        WorkerConfiguration base = TestStack.settings(database, models, N);
        WorkerHandler handler = handler(new WorkerConfiguration(base.database(), own.url(), base.models(), base.modelCache(),
                base.modelRecheck(), base.recommender(), base.spotify(), base.queue(), base.unavailableBackoff(), base.timeout(),
                base.secret()));
        own.close();
        // No song lookups, whose answers could not be cached either: the test is about the document.
        TestStack.spotify().failWith(Failure.serverError());
        SQSEvent event = SampleSqsEvents.of(body(user, 5), body(user, 5));

        SQSBatchResponse response = handler.handleRequest(event, context());

        assertEquals(SampleSqsEvents.ids(event), SampleSqsEvents.failedIds(response));
    }

    @Test
    void whenTimeRunsShortTheRestOfTheBatchIsReportedFailedUntried() {
        String first = newUser();
        String second = newUser();
        play(first, "Metallica", 5);
        play(second, "Metallica", 5);
        SQSEvent event = SampleSqsEvents.of(body(first, 5), body(second, 5));

        // Less than the reserve left: the first message is still tried (some progress every time), the second is not.
        SQSBatchResponse response = handler().handleRequest(event, TestLambdaContext.of("musicrec-worker", 1024, Duration.ofMillis(5_000)));

        assertEquals(List.of(SampleSqsEvents.ids(event).get(1)), SampleSqsEvents.failedIds(response));
        assertEquals(5, document(first).totalPlays());
        assertTrue(documents.get(second).isEmpty());
    }

    // --- helpers ---

    private WorkerHandler handler() {
        return handler(TestStack.settings(database, models, N));
    }

    private WorkerHandler handler(WorkerConfiguration settings) {
        return handler(settings, new EmfLines());
    }

    private WorkerHandler handler(WorkerConfiguration settings, EmfLines metrics) {
        WorkerComponents components = WorkerComponents.connect(settings, clock, Metrics.to(WorkerComponents.SERVICE, clock, metrics));
        closeAfter.add(components);
        return new WorkerHandler(components);
    }

    private static WorkerConfiguration withSpotify(WorkerConfiguration settings, SpotifySettings spotify) {
        return new WorkerConfiguration(settings.database(), settings.redisUrl(), settings.models(), settings.modelCache(),
                settings.modelRecheck(), settings.recommender(), spotify, settings.queue(), settings.unavailableBackoff(), settings.timeout(),
                settings.secret());
    }

    private static String newUser() {
        return "auth0|" + UUID.randomUUID();
    }

    /** Plays recorded as the API records them: artist name, count, artist name, count, ... */
    private static PlayHistory play(String user, Object... namesAndCounts) {
        for (int i = 0; i < namesAndCounts.length; i += 2) {
            int artistId = TestStack.artistId((String) namesAndCounts[i]);
            for (int n = 0; n < (Integer) namesAndCounts[i + 1]; n++) {
                plays.recordPlay(user, artistId);
            }
        }
        return plays.history(user);
    }

    /** What the engine recommends for the user's plays with the shipped model, in the worker's default mode. */
    private static List<Recommendation> expected(String user) {
        return Recommender.of(RecommenderSettings.DEFAULT_MODE, TestModels.shipped()).recommend(plays.plays(user), N);
    }

    /** Gives each artist a song on the stand-in and forgets cached songs, so the worker must ask Spotify. */
    private static void songsOnSpotify(List<Recommendation> recommendations) {
        for (Recommendation recommendation : recommendations) {
            String name = name(recommendation.artistId());
            TestStack.spotify().addArtist(name, List.of(new Track(songOf(name), 70)));
        }
        forgetSongs(recommendations);
    }

    private static void forgetSongs(List<Recommendation> recommendations) {
        redis.sync().del(recommendations.stream().map(r -> RedisKeys.song(r.artistId())).toArray(String[]::new));
    }

    private static String songOf(String artistName) {
        return "Best of " + artistName;
    }

    private static String name(int artistId) {
        Model model = TestModels.shipped();
        return model.artists().name(model.artists().indexOf(artistId));
    }

    private static String body(String user, long total) {
        return new RecalculationRequest(user, total).toJson();
    }

    private static RecommendationDocument document(String user) {
        return documents.get(user).orElseThrow(() -> new AssertionError("no document for " + user));
    }

    private static List<Integer> ids(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::artistId).toList();
    }

    private static List<Integer> itemIds(RecommendationDocument document) {
        return document.items().stream().map(RecommendationDocument.Item::artistId).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The context Lambda passes the worker: its name, its memory and five minutes. */
    private static Context context() {
        return TestLambdaContext.of("musicrec-worker", 1024, Duration.ofMinutes(5));
    }
}
