package io.musicrec.engine.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.TinyModel;
import io.musicrec.engine.model.Weighting;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {
    @TempDir
    Path dir;

    private static Model model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 40;
        int[] ids = new int[n];
        float[][] f = new float[n][6];
        int[] listeners = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 2 * i + 5;
            for (int j = 0; j < 6; j++) {
                f[i][j] = (float) rng.nextGaussian();
            }
            listeners[i] = 1 + rng.nextInt(9);
        }
        Model m = TinyModel.of(ids, f, listeners, 7, 3.0, 0.2, Weighting.BM25, 0.5);
        return m.withInfo(m.info().withEvaluation(Map.of("note", "test")));
    }

    @Test
    void prepareReadsItsBuiltInManifestThroughTheSameChecks() {
        // Fails when ModelInfo or Hyperparameters gain a check the built-in manifest does not meet.
        var info = ModelArtifact.prepare();
        assertEquals("prepare", info.modelId());
        assertEquals(Weighting.RAW, info.hyperparameters().weightingKind());
        assertEquals(1, info.trainingData().users());
    }

    @Test
    void roundTripKeepsEverythingServingReads() throws IOException {
        Model original = model(1);
        Path out = dir.resolve("model");
        ModelArtifact.write(original, out);
        Model loaded = ModelArtifact.read(out);
        assertEquals(original.info(), loaded.info());
        assertArrayEquals(original.itemFactors(), loaded.itemFactors());
        assertArrayEquals(original.gramian(), loaded.gramian());
        assertArrayEquals(original.neighbourIndexes(), loaded.neighbourIndexes());
        assertArrayEquals(original.neighbourSimilarities(), loaded.neighbourSimilarities());
        assertArrayEquals(original.artists().ids(), loaded.artists().ids());
        assertEquals(original.artists().name(3), loaded.artists().name(3));
        assertEquals(original.listeners(3), loaded.listeners(3));
        List<UserPlay> plays = List.of(new UserPlay(7, 3), new UserPlay(25, 40));
        for (Mode mode : Mode.values()) {
            assertEquals(Recommender.of(mode, original).recommend(plays, 10), Recommender.of(mode, loaded).recommend(plays, 10));
        }
    }

    @Test
    void manifestListsChecksumsAndCounts() throws IOException {
        Path out = dir.resolve("model");
        ModelArtifact.write(model(1), out);
        String manifest = Files.readString(out.resolve(ModelArtifact.MANIFEST));
        assertTrue(manifest.contains("\"format\" : \"musicrec-als-model\""), manifest);
        assertTrue(manifest.contains("\"model_id\" : \"tiny-model\""));
        assertTrue(manifest.contains("\"item-factors.f32\" : {"));
        assertTrue(manifest.contains("\"sha256\""));
        assertTrue(manifest.contains("\"neighbour_shrinkage\" : 3.0"));
    }

    @Test
    void aFlippedByteIsRefusedNamingTheFile() throws IOException {
        Path out = dir.resolve("model");
        ModelArtifact.write(model(1), out);
        Path factors = out.resolve(ModelArtifact.ITEM_FACTORS);
        byte[] bytes = Files.readAllBytes(factors);
        bytes[17] ^= 0x40;
        Files.write(factors, bytes);
        ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.read(out));
        assertTrue(e.getMessage().startsWith(factors + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path out = dir.resolve("model");
        ModelArtifact.write(model(1), out);
        Path neighbours = out.resolve(ModelArtifact.NEIGHBOURS);
        byte[] bytes = Files.readAllBytes(neighbours);
        Files.write(neighbours, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.read(out));
        assertTrue(e.getMessage().contains(ModelArtifact.NEIGHBOURS) && e.getMessage().contains("(truncated)"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        Path out = dir.resolve("model");
        ModelArtifact.write(model(1), out);
        Files.delete(out.resolve(ModelArtifact.GRAMIAN));
        assertTrue(assertThrows(ArtifactException.class, () -> ModelArtifact.read(out)).getMessage()
                .endsWith(ModelArtifact.GRAMIAN + ": is missing"));
        assertTrue(assertThrows(ArtifactException.class, () -> ModelArtifact.read(dir.resolve("nothing"))).getMessage()
                .contains("no manifest"));
    }

    @Test
    void foreignOrNewerManifestsAreRefused() throws IOException {
        Path out = dir.resolve("model");
        ModelArtifact.write(model(1), out);
        Path manifest = out.resolve(ModelArtifact.MANIFEST);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replace("\"musicrec-als-model\"", "\"someone-else\""));
        assertTrue(assertThrows(ArtifactException.class, () -> ModelArtifact.read(out)).getMessage().contains("not a musicrec model"));
        Files.writeString(manifest, text.replace("\"format_version\" : 1", "\"format_version\" : 2"));
        assertTrue(assertThrows(ArtifactException.class, () -> ModelArtifact.read(out)).getMessage()
                .contains("unsupported format_version 2"));
        Files.writeString(manifest, "{ not json", StandardCharsets.UTF_8);
        assertTrue(assertThrows(ArtifactException.class, () -> ModelArtifact.read(out)).getMessage().contains("is not valid JSON"));
    }

    @Test
    void rewritingReplacesTheWholeDirectoryAndLeavesNoTemporaries() throws IOException {
        Path out = dir.resolve("model");
        ModelArtifact.write(model(1), out);
        Files.writeString(out.resolve("stale.txt"), "old");
        Model second = model(2);
        ModelArtifact.write(second, out);
        assertArrayEquals(second.itemFactors(), ModelArtifact.read(out).itemFactors());
        assertTrue(Files.notExists(out.resolve("stale.txt")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }
}
