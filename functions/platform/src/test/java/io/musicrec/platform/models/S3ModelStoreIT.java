package io.musicrec.platform.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ModelStoreIT extends ModelStoreContract {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;
    private ModelStoreSettings settings;
    private S3Client s3;
    private S3ModelStore publisher;

    @BeforeEach
    void bucket() {
        settings = freshBucket();
        s3 = AwsClients.s3(settings);
        publisher = store("publisher-cache");
    }

    @AfterEach
    void close() {
        s3.close();
    }

    /** A new, empty bucket on the S3 under test: the embedded s3proxy (or {@code S3_ENDPOINT}). */
    ModelStoreSettings freshBucket() {
        return TestServices.freshBucket();
    }

    @Override
    ModelStore store() {
        return publisher;
    }

    @Override
    ModelStore anotherContainer() {
        return store("container-" + System.nanoTime());
    }

    /** A store with its own cache, as a separate container would have. */
    private S3ModelStore store(String cache) {
        return new S3ModelStore(s3, settings.bucket(), settings.prefix(), temp.resolve(cache), CLOCK);
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket())).contents()) {
            keys.add(object.key());
        }
        return keys.stream().sorted().toList();
    }

    private void put(String key, byte[] body) {
        s3.putObject(b -> b.bucket(settings.bucket()).key(key), RequestBody.fromBytes(body));
    }

    @Test
    void layoutIsOneDirectoryPerVersionAndAPointerWrittenLast() throws Exception {
        publisher.publish(artifact("als-1", 0));

        List<String> expected = new ArrayList<>();
        expected.add("models/als-1/" + ModelArtifact.ARTISTS);
        expected.add("models/als-1/" + ModelArtifact.GRAMIAN);
        expected.add("models/als-1/" + ModelArtifact.ITEM_FACTORS);
        expected.add("models/als-1/" + ModelArtifact.MANIFEST);
        expected.add("models/als-1/" + ModelArtifact.NEIGHBOUR_SIMILARITIES);
        expected.add("models/als-1/" + ModelArtifact.NEIGHBOURS);
        expected.add("models/current.json");
        assertEquals(expected.stream().sorted().toList(), keys());
        byte[] pointer = s3.getObjectAsBytes(b -> b.bucket(settings.bucket()).key("models/current.json")).asByteArray();
        assertEquals("als-1", ModelPointer.parse(pointer));
        assertEquals(ModelPointer.write("als-1", Instant.parse("2026-03-01T12:00:00Z")), new String(pointer, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void incompleteLocalArtifactIsRefusedBeforeAnyUpload() throws Exception {
        Path dir = artifact("als-1", 0);
        Files.delete(dir.resolve(ModelArtifact.GRAMIAN));

        ModelStoreException e = assertThrows(ModelStoreException.class, () -> publisher.publish(dir));

        assertTrue(e.getMessage().startsWith("refusing to publish") && e.getMessage().contains(ModelArtifact.GRAMIAN), e.getMessage());
        assertEquals(List.of(), keys(), "not a single object was uploaded");
    }

    @Test
    void missingObjectIsRefusedNamingIt() throws Exception {
        publisher.publish(artifact("als-1", 0));
        s3.deleteObject(b -> b.bucket(settings.bucket()).key("models/als-1/" + ModelArtifact.GRAMIAN));

        ModelStoreException e = assertThrows(ModelStoreException.class, () -> store("worker").load("als-1"));

        assertEquals("s3://" + settings.bucket() + "/models/als-1/gramian.f64 does not exist: model als-1 is incomplete or was never published",
                e.getMessage());
        assertThrows(ModelStoreException.class, () -> store("worker").load("never-published"));
    }

    @Test
    void corruptObjectIsRefusedAndNothingIsCached() throws Exception {
        Path dir = artifact("als-1", 0);
        publisher.publish(dir);
        byte[] garbage = Files.readAllBytes(dir.resolve(ModelArtifact.NEIGHBOURS));
        garbage[0] ^= 0x55;
        put("models/als-1/" + ModelArtifact.NEIGHBOURS, garbage);

        ModelStoreException e = assertThrows(ModelStoreException.class, () -> store("worker").load("als-1"));

        assertTrue(e.getMessage().startsWith("model als-1 in s3://" + settings.bucket() + "/models/als-1/ is corrupt: "), e.getMessage());
        assertTrue(e.getMessage().contains(ModelArtifact.NEIGHBOURS) && e.getMessage().contains("checksum mismatch"), e.getMessage());
        try (Stream<Path> left = Files.list(temp.resolve("worker"))) {
            assertEquals(List.of(), left.toList(), "no cache entry, no leftover download");
        }
    }

    @Test
    void corruptPointerIsRefusedNamingIt() {
        put("models/current.json", "{\"model\": \"als-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ModelStoreException e = assertThrows(ModelStoreException.class, publisher::current);
        assertTrue(e.getMessage().contains("models/current.json has no valid model_id"), e.getMessage());

        put("models/current.json", "{\"model_id\": \"../../etc\", \"published_at\": \"2026-03-01T12:00:00Z\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(ModelStoreException.class, publisher::current);
    }

    @Test
    void verifiedCacheIsReusedWithoutS3() throws Exception {
        Path dir = artifact("als-1", 0);
        publisher.publish(dir);
        S3ModelStore worker = store("worker");
        worker.load("als-1");
        for (String key : keys()) {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        }

        assertSameModel(ModelArtifact.read(dir), worker.load("als-1"));
    }

    @Test
    void damagedCacheIsFetchedAgain() throws Exception {
        Path dir = artifact("als-1", 0);
        publisher.publish(dir);
        S3ModelStore worker = store("worker");
        worker.load("als-1");
        Path cachedFactors = temp.resolve("worker").resolve("als-1").resolve(ModelArtifact.ITEM_FACTORS);
        Files.write(cachedFactors, new byte[] {1, 2, 3});

        assertSameModel(ModelArtifact.read(dir), worker.load("als-1"));
        assertArrayEquals(Files.readAllBytes(dir.resolve(ModelArtifact.ITEM_FACTORS)), Files.readAllBytes(cachedFactors));
    }

    @Test
    void modelIdsThatAreNotKeySafeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> publisher.load("../etc"));
        assertThrows(IllegalArgumentException.class, () -> publisher.load(".."));
        assertThrows(IllegalArgumentException.class, () -> publisher.load("a/b"));
        assertFalse(Files.exists(temp.resolve("etc")));
    }

    @Test
    void rollbackToAnIncompleteVersionIsRefusedAndThePointerStays() throws Exception {
        publisher.publish(artifact("als-1", 0));
        ModelStore.Current second = publisher.publish(artifact("als-2", 7));
        s3.deleteObject(b -> b.bucket(settings.bucket()).key("models/als-1/" + ModelArtifact.GRAMIAN));

        ModelStoreException e = assertThrows(ModelStoreException.class, () -> store("fresh").rollback("als-1"));

        assertTrue(e.getMessage().contains("gramian.f64 does not exist"), e.getMessage());
        assertEquals(second, publisher.current().orElseThrow());
        ModelStore.Version incomplete = publisher.versions().stream().filter(v -> v.modelId().equals("als-1")).findFirst().orElseThrow();
        assertFalse(incomplete.complete());
    }

    @Test
    void rollbackChecksTheVersionInS3NotTheLocalCopy() throws Exception {
        Path dir = artifact("als-1", 0);
        publisher.publish(dir);
        ModelStore.Current second = publisher.publish(artifact("als-2", 7));
        publisher.load("als-1");
        byte[] garbage = Files.readAllBytes(dir.resolve(ModelArtifact.ITEM_FACTORS));
        garbage[0] ^= 0x55;
        put("models/als-1/" + ModelArtifact.ITEM_FACTORS, garbage);

        ModelStoreException e = assertThrows(ModelStoreException.class, () -> publisher.rollback("als-1"));

        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals(second, publisher.current().orElseThrow());
    }

    @Test
    void pruneDeletesAnAbandonedHalfPublishButNotOneThatMayStillBeUploading() throws Exception {
        Path dir = artifact("als-1", 0);
        publisher.publish(dir);
        put("models/als-2/" + ModelArtifact.ITEM_FACTORS, Files.readAllBytes(dir.resolve(ModelArtifact.ITEM_FACTORS)));

        assertEquals(List.of(), publisher.prune(5, Instant.now().minusSeconds(3600)), "a recent half-publish may be in progress");
        assertEquals(List.of("als-2"), publisher.prune(5, Instant.now().plusSeconds(60)));

        assertEquals(List.of("models/als-1/" + ModelArtifact.ARTISTS, "models/als-1/" + ModelArtifact.GRAMIAN,
                "models/als-1/" + ModelArtifact.ITEM_FACTORS, "models/als-1/" + ModelArtifact.MANIFEST,
                "models/als-1/" + ModelArtifact.NEIGHBOUR_SIMILARITIES, "models/als-1/" + ModelArtifact.NEIGHBOURS,
                "models/current.json"), keys());
    }

    @Test
    void pointerWrittenByAnotherContainerMeanwhileIsNotOverwritten() throws Exception {
        publisher.publish(artifact("als-1", 0));
        ModelStore.Current read = publisher.publish(artifact("als-2", 7));
        ModelStore.Current theirs = store("another").rollback("als-1");

        assertThrows(PointerMovedException.class, () -> publisher.publish(artifact("als-3", 11), Optional.of(read)));

        assertEquals(Optional.of(theirs), store("reader").current());
    }

    @Test
    void trainedLastFmModelRoundTripsWhenPresent() {
        Path trained = Path.of("../../model-artifacts/lastfm-2k");
        assumeTrue(Files.isRegularFile(trained.resolve(ModelArtifact.MANIFEST)), "no trained model at " + trained.toAbsolutePath());
        ModelStore.Current current = publisher.publish(trained);
        long start = System.nanoTime();
        Model loaded = store("worker").load(current.modelId());
        System.out.printf("loaded %s (%d artists) from S3 in %d ms%n", loaded.id(), loaded.size(), (System.nanoTime() - start) / 1_000_000);
        assertSameModel(ModelArtifact.read(trained), loaded);
    }
}
