package io.musicrec.platform.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What any {@link ModelStore} must do. An implementation's integration test extends this class and
 * supplies, per test, an empty store and further views of the same storage (another container).
 */
abstract class ModelStoreContract {

    @TempDir
    Path artifacts;

    /** The store under test, empty at the start of each test. */
    abstract ModelStore store();

    /** Another instance over the same storage, with nothing cached: what a second container sees. */
    abstract ModelStore anotherContainer();

    /** Writes a 12-artist model; models of different seeds differ in every factor. */
    Path artifact(String modelId, double seed) throws Exception {
        Path dir = artifacts.resolve(modelId + "-" + seed);
        ModelArtifact.write(TestModels.of(modelId, 12, seed), dir);
        return dir;
    }

    static void assertSameModel(Model expected, Model actual) {
        assertEquals(expected.info(), actual.info());
        assertArrayEquals(expected.artists().ids(), actual.artists().ids());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.artists().name(i), actual.artists().name(i));
            assertEquals(expected.listeners(i), actual.listeners(i));
            assertEquals(expected.artistPlays(i), actual.artistPlays(i));
        }
        assertArrayEquals(expected.itemFactors(), actual.itemFactors());
        assertArrayEquals(expected.gramian(), actual.gramian());
        assertArrayEquals(expected.neighbourIndexes(), actual.neighbourIndexes());
        assertArrayEquals(expected.neighbourSimilarities(), actual.neighbourSimilarities());
    }

    @Test
    void nothingIsCurrentBeforeTheFirstPublish() {
        assertEquals(Optional.empty(), store().current());
    }

    @Test
    void publishedModelLoadsBackIdenticalInAnotherContainer() throws Exception {
        Path dir = artifact("als-1", 0);
        ModelStore.Current current = store().publish(dir);

        assertEquals("als-1", current.modelId());
        ModelStore worker = anotherContainer();
        assertEquals(Optional.of(current), worker.current());
        assertSameModel(ModelArtifact.read(dir), worker.load("als-1"));
    }

    @Test
    void newPublishMovesThePointerAndChangesItsTag() throws Exception {
        ModelStore.Current first = store().publish(artifact("als-1", 0));
        ModelStore.Current second = store().publish(artifact("als-2", 7));

        assertEquals("als-2", second.modelId());
        assertNotEquals(first.etag(), second.etag());
        assertEquals(Optional.of(second), anotherContainer().current());
        assertSameModel(ModelArtifact.read(artifact("als-1", 0)), anotherContainer().load("als-1"));
    }

    @Test
    void republishingAnUnchangedVersionMovesThePointerBack() throws Exception {
        Path one = artifact("als-1", 0);
        store().publish(one);
        store().publish(artifact("als-2", 7));

        ModelStore.Current back = store().publish(one);

        assertEquals("als-1", back.modelId());
        assertEquals(Optional.of(back), anotherContainer().current());
    }

    @Test
    void sameIdWithDifferentContentIsRefusedAndThePointerStays() throws Exception {
        ModelStore.Current first = store().publish(artifact("als-1", 0));

        assertThrows(ModelStoreException.class, () -> store().publish(artifact("als-1", 45)));

        assertEquals(Optional.of(first), store().current());
        assertSameModel(ModelArtifact.read(artifact("als-1", 0)), anotherContainer().load("als-1"));
    }

    @Test
    void incompleteLocalArtifactIsRefusedAndNothingBecomesCurrent() throws Exception {
        Path dir = artifact("als-1", 0);
        Files.delete(dir.resolve(ModelArtifact.GRAMIAN));

        assertThrows(ModelStoreException.class, () -> store().publish(dir));

        assertEquals(Optional.empty(), store().current());
        assertThrows(ModelStoreException.class, () -> anotherContainer().load("als-1"));
    }

    @Test
    void neverPublishedModelIsRefused() {
        assertThrows(ModelStoreException.class, () -> store().load("never-published"));
    }

    static List<String> ids(List<ModelStore.Version> versions) {
        return versions.stream().map(ModelStore.Version::modelId).toList();
    }

    @Test
    void versionsListsEveryPublishedModelNewestFirst() throws Exception {
        assertEquals(List.of(), store().versions());
        store().publish(artifact("als-1", 0));
        store().publish(artifact("als-2", 7));
        store().publish(artifact("als-3", 11));

        List<ModelStore.Version> versions = anotherContainer().versions();

        assertEquals(List.of("als-3", "als-2", "als-1"), ids(versions));
        assertTrue(versions.stream().allMatch(v -> v.complete() && v.bytes() > 0), versions.toString());
    }

    @Test
    void conditionalPublishMovesThePointerOnlyFromWhatWasRead() throws Exception {
        ModelStore.Current first = store().publish(artifact("als-1", 0), Optional.empty());
        ModelStore.Current second = store().publish(artifact("als-2", 7), Optional.of(first));

        assertThrows(PointerMovedException.class, () -> store().publish(artifact("als-3", 11), Optional.of(first)));
        assertThrows(PointerMovedException.class, () -> store().publish(artifact("als-4", 13), Optional.empty()));

        assertEquals(Optional.of(second), anotherContainer().current());
        assertSameModel(ModelArtifact.read(artifact("als-3", 11)), anotherContainer().load("als-3"));
    }

    @Test
    void rollbackMovesThePointerBackToANamedVersion() throws Exception {
        store().publish(artifact("als-1", 0));
        store().publish(artifact("als-2", 7));

        ModelStore.Current back = store().rollback("als-1");

        assertEquals("als-1", back.modelId());
        assertEquals(Optional.of(back), anotherContainer().current());
        assertSameModel(ModelArtifact.read(artifact("als-1", 0)), anotherContainer().load("als-1"));
    }

    @Test
    void rollbackToAnUnknownVersionIsRefusedAndThePointerStays() throws Exception {
        store().publish(artifact("als-1", 0));
        ModelStore.Current second = store().publish(artifact("als-2", 7));

        ModelStoreException e = assertThrows(ModelStoreException.class, () -> store().rollback("als-9"));

        assertTrue(e.getMessage().startsWith("refusing to roll back to als-9"), e.getMessage());
        assertEquals(Optional.of(second), anotherContainer().current());
    }

    @Test
    void pruneKeepsTheNewestVersionsAndTheCurrentOne() throws Exception {
        for (int i = 1; i <= 4; i++) {
            store().publish(artifact("als-" + i, i * 7));
        }
        store().rollback("als-1");

        List<String> deleted = store().prune(2, Instant.EPOCH);

        assertEquals(List.of("als-2"), deleted);
        assertEquals(List.of("als-4", "als-3", "als-1"), ids(anotherContainer().versions()));
        assertEquals("als-1", anotherContainer().current().orElseThrow().modelId());
        assertSameModel(ModelArtifact.read(artifact("als-1", 7)), anotherContainer().load("als-1"));
        assertThrows(ModelStoreException.class, () -> anotherContainer().load("als-2"));
        assertThrows(IllegalArgumentException.class, () -> store().prune(0, Instant.EPOCH));
    }
}
