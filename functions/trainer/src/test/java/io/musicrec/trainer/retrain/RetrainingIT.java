package io.musicrec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.Artist;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.testing.FailingS3Client;
import io.musicrec.trainer.testing.Plays;
import io.musicrec.trainer.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Retraining end to end on the real services: a migrated schema with the catalog imported from the
 * shipped model, synthetic listeners (300 as Last.fm base plays, 100 registered users, more added
 * between runs), ALS with the default settings, and s3proxy as the model store.
 */
class RetrainingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlayMatrix plays;

    @TempDir
    Path temp;
    private DatabaseSettings schema;
    private ModelStoreSettings bucket;
    private S3Client s3;
    private Database database;
    private MutableClock clock;
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void generate(@TempDir Path scratch) {
        plays = Plays.synthetic(700, 400, 21_000, 11, scratch);
    }

    @BeforeEach
    void services() {
        schema = TestStack.freshSchema();
        Plays.importCatalog(schema);
        Plays.insertBase(schema, plays, 1, 300);
        addUsers(301, 400);
        bucket = TestStack.freshBucket();
        s3 = AwsClients.s3(bucket);
        database = new Database(schema, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(1)), java.time.Clock.systemUTC());
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void close() {
        database.close();
        s3.close();
    }

    private void addUsers(int from, int to) {
        Plays.insertUsers(schema, plays, from, to, "synthetic-");
    }

    private S3ModelStore store(String container) {
        return store(s3, container);
    }

    private S3ModelStore store(S3Client client, String container) {
        return new S3ModelStore(client, bucket.bucket(), bucket.prefix(), temp.resolve(container), clock);
    }

    private PostgresRetrainingLock lock() {
        return new PostgresRetrainingLock(schema, PostgresRetrainingLock.keyFor(bucket.bucket() + "/" + bucket.prefix()));
    }

    private CandidateTrainer als() {
        return new AlsCandidateTrainer(AlsOptions.defaults().withThreads(2), clock);
    }

    private Retraining retraining(CandidateTrainer trainer, ModelStore store, RetrainingSettings settings) {
        return new Retraining(new PostgresTrainingSource(database), trainer, store, new PostgresArtistCatalog(database), lock(), settings,
                temp.resolve("work"), 2, clock, logs::add);
    }

    /**
     * The default settings with a tolerance of 0.02: this fixture's hold-out has about 1,500 pairs,
     * on which two equally good models' quota-mode NDCG@10 differ by up to about 0.01 (a model
     * trained on more users scored 0.011 lower on one draw); the shuffled candidate is far below.
     */
    private static RetrainingSettings settings() {
        return RetrainingSettings.defaults().withTolerance(0.02);
    }

    private Retraining retraining(CandidateTrainer trainer) {
        return retraining(trainer, store("trainer"), settings());
    }

    private RetrainingReport run(CandidateTrainer trainer) {
        clock.advance(Duration.ofHours(1));
        return retraining(trainer).run();
    }

    private Optional<String> served() {
        return store("reader-" + System.nanoTime()).current().map(ModelStore.Current::modelId);
    }

    private JsonNode lastLog() throws Exception {
        return JSON.readTree(logs.get(logs.size() - 1));
    }

    /** Trains on the same plays with every artist id shuffled across the matrix: all structure gone. */
    private final class ShuffledPlays implements CandidateTrainer {
        @Override
        public Model train(PlayMatrix matrix, Map<Integer, String> names, String modelId) {
            int[] artists = new int[matrix.nonZeros()];
            for (int e = 0; e < artists.length; e++) {
                artists[e] = matrix.columnId(matrix.column(e));
            }
            SplittableRandom random = new SplittableRandom(5);
            for (int i = artists.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = artists[i];
                artists[i] = artists[j];
                artists[j] = t;
            }
            PlayMatrix.Builder shuffled = PlayMatrix.builder();
            for (int r = 0; r < matrix.rows(); r++) {
                for (int e = matrix.rowStart(r); e < matrix.rowStart(r + 1); e++) {
                    shuffled.add(matrix.rowId(r), artists[e], matrix.plays(e));
                }
            }
            return als().train(shuffled.build(), names, modelId);
        }

        @Override
        public Hyperparameters hyperparameters() {
            return als().hyperparameters();
        }
    }

    /** The real trainer, held at the start of training until the test lets it go. */
    private final class HeldTrainer implements CandidateTrainer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Model train(PlayMatrix matrix, Map<Integer, String> names, String modelId) {
            entered.countDown();
            try {
                assertTrue(release.await(60, TimeUnit.SECONDS), "released");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return als().train(matrix, names, modelId);
        }

        @Override
        public Hyperparameters hyperparameters() {
            return als().hyperparameters();
        }
    }

    @Test
    void firstRunPublishesACandidateThatBeatsPopularityAndLogsOneJsonLine() throws Exception {
        RetrainingReport report = run(als());

        assertEquals(RetrainingReport.Decision.PUBLISHED, report.decision(), report.reason());
        assertTrue(report.reason().startsWith("no current model; candidate ndcg@10"), report.reason());
        assertEquals(report.candidateModel(), served());
        assertTrue(report.candidateModel().orElseThrow().matches("als-\\d{8}T\\d{6}Z-[0-9a-f]{8}"), report.candidateModel().get());
        assertEquals(1, logs.size());
        JsonNode log = lastLog();
        assertEquals("published", log.get("decision").asText());
        assertEquals(300, log.at("/data/base_users").asInt());
        assertEquals(100, log.at("/data/live_users").asInt());
        assertEquals(400, log.at("/data/users").asInt());
        for (String phase : List.of("read", "train", "evaluate", "publish", "total")) {
            assertTrue(log.at("/seconds/" + phase).isNumber(), phase);
        }
        assertTrue(log.at("/memory/heap_peak_mb").asLong() > 0);
        assertTrue(log.at("/gate/candidate_ndcg").asDouble() > log.at("/gate/popular_ndcg").asDouble());
        assertEquals("none", log.at("/gate/current").asText(), "the case the gate met: nothing published yet");
        Map<String, Object> protocol = protocolOf(store("worker").load(report.candidateModel().get()));
        assertEquals(StableHoldout.NAME, protocol.get("split"));
        assertEquals(Retraining.TRAINED_ON, protocol.get("model"));
    }

    @Test
    void aPublishSetsTheCatalogsListenersToThePublishedModelsAndARefusalLeavesThem() throws Exception {
        Map<Integer, Integer> before = listenersInTheCatalog();

        RetrainingReport report = run(als());

        assertEquals(RetrainingReport.Decision.PUBLISHED, report.decision(), report.reason());
        Model published = store("worker").load(report.candidateModel().orElseThrow());
        Map<Integer, Integer> after = listenersInTheCatalog();
        int differed = 0;
        for (int i = 0; i < published.size(); i++) {
            int id = published.artists().id(i);
            assertEquals(published.listeners(i), after.getOrDefault(id, 0), "artist " + id + ": the published model's listeners");
            differed += published.listeners(i) == before.getOrDefault(id, 0) ? 0 : 1;
        }
        assertTrue(differed > 0, "the fixture's plays are not the shipped model's, so counts must have changed");
        assertEquals(differed, lastLog().get("catalog_listeners_updated").asInt(), "one statement, only the rows that changed");
        assertFalse(lastLog().has("catalog_error"));

        addUsers(401, 450);
        assertEquals(RetrainingReport.Decision.REFUSED, run(new ShuffledPlays()).decision());
        assertEquals(after, listenersInTheCatalog(), "a refused candidate leaves the catalog as the served model left it");
    }

    private Map<Integer, Integer> listenersInTheCatalog() {
        Map<Integer, Integer> listeners = new HashMap<>();
        for (Artist artist : new PostgresArtistCatalog(database).listened()) {
            listeners.put(artist.id(), artist.listeners());
        }
        return listeners;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> protocolOf(Model model) {
        return (Map<String, Object>) model.info().evaluation().get("protocol");
    }

    @Test
    void candidateTrainedOnShuffledPlaysIsRefusedAndTheCurrentModelStays() throws Exception {
        String current = run(als()).candidateModel().orElseThrow();
        addUsers(401, 450);

        RetrainingReport report = run(new ShuffledPlays());

        assertEquals(RetrainingReport.Decision.REFUSED, report.decision(), report.reason());
        assertTrue(report.reason().contains("does not beat the popularity baseline") || report.reason().contains("< current"),
                report.reason());
        assertEquals(Optional.of(current), served());
        JsonNode log = lastLog();
        System.out.println(log);
        assertEquals("refused", log.get("decision").asText());
        assertTrue(log.at("/gate/current_comparable").asBoolean());
        assertTrue(log.at("/gate/candidate_ndcg").asDouble() < log.at("/gate/current_ndcg").asDouble() - 0.02, log.toString());
        assertEquals(List.of(current), store("lister").versions().stream().map(ModelStore.Version::modelId).toList(),
                "nothing was uploaded");
    }

    @Test
    void betterCandidateIsPublishedAndTheWorkersProviderSwitchesAfterItsRecheckWithoutRestart() throws InterruptedException {
        String first = run(als()).candidateModel().orElseThrow();
        addUsers(401, 550);
        clock.advance(Duration.ofHours(1));
        ModelProvider worker = new ModelProvider(store("worker"), clock, Duration.ofSeconds(30));
        assertEquals(first, worker.current().id());

        RetrainingReport report = retraining(als()).run();

        assertEquals(RetrainingReport.Decision.PUBLISHED, report.decision(), report.reason());
        assertTrue(report.reason().startsWith("candidate ndcg@10") && report.reason().contains(">= current"), report.reason());
        String second = report.candidateModel().orElseThrow();
        assertNotEquals(first, second);
        assertEquals(Optional.of(second), served());
        assertEquals(first, worker.current().id());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(first, worker.current().id(), "the pointer is re-read at most once a minute");
        clock.advance(ModelProvider.DEFAULT_RECHECK);
        assertEquals(first, worker.current().id(), "the check runs in the background; the loaded model serves meanwhile");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!worker.current().id().equals(second) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(second, worker.current().id(), "switched without a restart");
        worker.close();
    }

    @Test
    void publishFailingHalfWayLeavesThePointerOnACompleteModelAndTheNextRunCleansUp() throws Exception {
        String first = run(als()).candidateModel().orElseThrow();
        addUsers(401, 450);
        FailingS3Client failing = new FailingS3Client(s3, 3);

        clock.advance(Duration.ofHours(1));
        RetrainingReport failed = retraining(als(), store(failing, "failing"), settings()).run();

        assertEquals(RetrainingReport.Decision.FAILED, failed.decision(), failed.reason());
        assertTrue(failed.reason().startsWith("publish failed: cannot upload") && failed.reason().contains("injected failure"),
                failed.reason());
        assertEquals(3, failing.puts(), "two files went up, the third failed, nothing after");
        assertEquals(Optional.of(first), served());
        assertEquals(first, store("fresh-container").load(first).id(), "the current model is complete and loads");
        String half = failed.candidateModel().orElseThrow();
        ModelStore.Version partial = store("lister").versions().stream().filter(v -> v.modelId().equals(half)).findFirst().orElseThrow();
        assertFalse(partial.complete());
        assertEquals("failed", lastLog().get("decision").asText());

        clock.advance(Duration.ofHours(2));
        RetrainingReport next = retraining(als(), store("trainer"), settings()).run();

        assertEquals(RetrainingReport.Decision.PUBLISHED, next.decision(), next.reason());
        assertEquals(next.candidateModel(), served());
        assertEquals(List.of(next.candidateModel().get(), first),
                store("lister").versions().stream().map(ModelStore.Version::modelId).toList(), "the abandoned half-publish is gone");
    }

    @Test
    void twoRunsAtOnceOneRunsTheOtherIsRefusedAndThePointerIsValid() throws Exception {
        HeldTrainer held = new HeldTrainer();
        clock.advance(Duration.ofHours(1));
        Retraining first = retraining(held, store("first"), settings());
        CompletableFuture<RetrainingReport> running = CompletableFuture.supplyAsync(first::run);
        assertTrue(held.entered.await(60, TimeUnit.SECONDS), "the first run is training");

        RetrainingReport second = retraining(als(), store("second"), settings()).run();

        assertEquals(RetrainingReport.Decision.SKIPPED, second.decision());
        assertEquals("another retraining is running", second.reason());
        assertEquals("skipped", lastLog().get("decision").asText());
        held.release.countDown();
        RetrainingReport done = running.get(120, TimeUnit.SECONDS);
        assertEquals(RetrainingReport.Decision.PUBLISHED, done.decision(), done.reason());
        String current = served().orElseThrow();
        assertEquals(done.candidateModel().orElseThrow(), current);
        assertEquals(current, store("fresh-container").load(current).id());
        Optional<RetrainingLock.Lease> again = lock().tryAcquire();
        assertTrue(again.isPresent(), "the lock was released with the run");
        again.get().close();
    }

    @Test
    void pointerMovedDuringTheRunIsNotOverwritten() throws Exception {
        String first = run(als()).candidateModel().orElseThrow();
        addUsers(401, 450);
        HeldTrainer held = new HeldTrainer();
        clock.advance(Duration.ofHours(1));
        CompletableFuture<RetrainingReport> running = CompletableFuture.supplyAsync(retraining(held)::run);
        assertTrue(held.entered.await(60, TimeUnit.SECONDS));

        ModelStore.Current shipped = store("operator").publish(Plays.SHIPPED_MODEL);
        held.release.countDown();
        RetrainingReport report = running.get(120, TimeUnit.SECONDS);

        assertEquals(RetrainingReport.Decision.REFUSED, report.decision(), report.reason());
        assertTrue(report.reason().startsWith("the model pointer moved while this run trained"), report.reason());
        assertEquals(Optional.of(shipped.modelId()), served());
        assertNotEquals(first, shipped.modelId());
    }

    @Test
    void olderVersionsArePrunedToTheConfiguredCountAndUnchangedDataIsNotRetrained() throws Exception {
        RetrainingSettings keepTwo = settings().withKeepVersions(2);
        List<String> published = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            addUsers(401 + batch * 50, 450 + batch * 50);
            clock.advance(Duration.ofHours(1));
            RetrainingReport report = retraining(als(), store("trainer"), keepTwo).run();
            assertEquals(RetrainingReport.Decision.PUBLISHED, report.decision(), report.reason());
            published.add(report.candidateModel().orElseThrow());
        }

        assertEquals(List.of(published.get(2), published.get(1)),
                store("lister").versions().stream().map(ModelStore.Version::modelId).toList());
        assertEquals(published.get(0), lastLog().get("pruned").get(0).asText());
        assertEquals(Optional.of(published.get(2)), served());

        clock.advance(Duration.ofHours(1));
        RetrainingReport unchanged = retraining(als(), store("trainer"), keepTwo).run();
        assertEquals(RetrainingReport.Decision.SKIPPED, unchanged.decision());
        assertEquals("training data and settings are unchanged since " + published.get(2), unchanged.reason());
    }

    @Test
    void theShippedModelTrainedOnAllItsDataIsNotComparedOnPairsItLearntFrom() throws Exception {
        store("operator").publish(Plays.SHIPPED_MODEL);

        RetrainingReport report = run(als());

        assertEquals(RetrainingReport.Decision.PUBLISHED, report.decision(), report.reason());
        assertTrue(report.reason().contains("current model lastfm-2k-v1 was not trained on this split's training side"), report.reason());
        assertFalse(lastLog().at("/gate/current_comparable").asBoolean());
        assertEquals("other_settings", lastLog().at("/gate/current").asText());
        assertTrue(lastLog().at("/gate/current_ndcg").isNumber(), "measured and logged all the same");
    }

    @Test
    void aCurrentModelFailingItsChecksumIsNotReplacedAndTheReportSaysWhy() throws Exception {
        String current = run(als()).candidateModel().orElseThrow();
        String key = bucket.prefix() + "/" + current + "/" + ModelArtifact.ITEM_FACTORS;
        byte[] factors = s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key(key)).asByteArray();
        factors[factors.length / 2] ^= 0x55;
        s3.putObject(b -> b.bucket(bucket.bucket()).key(key), RequestBody.fromBytes(factors));
        addUsers(401, 450);

        clock.advance(Duration.ofHours(1));
        RetrainingReport report = retraining(als(), store("fresh-trainer"), settings()).run();

        assertEquals(RetrainingReport.Decision.REFUSED, report.decision(), report.reason());
        assertTrue(report.reason().startsWith("current model " + current + " is published but cannot be loaded or verified"),
                report.reason());
        assertTrue(report.reason().contains("checksum mismatch"), report.reason());
        assertEquals(Optional.empty(), report.candidateModel(), "refused before training: nothing to train for");
        JsonNode log = lastLog();
        assertEquals("refused", log.get("decision").asText());
        assertEquals("unreadable", log.at("/gate/current").asText());
        assertTrue(log.at("/gate/current_error").asText().contains("checksum mismatch"), log.toString());
        assertEquals(Optional.of(current), served(), "the pointer stays where it was");
        assertEquals(List.of(current), store("lister").versions().stream().map(ModelStore.Version::modelId).toList(),
                "nothing was uploaded");
    }
}
