package io.musicrec.platform.testing;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.ArtistIndex;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Small models built with the engine's API: artists 1..n with two factors on the unit circle
 * (artist i at {@code i * 30} degrees plus {@code seed}), so any two models of different seeds
 * differ in every factor; and the model the project ships ({@code model-artifacts/lastfm-2k}).
 */
public final class TestModels {

    private static Model shipped;

    private TestModels() {
    }

    /** The checkout's root: the first directory above the working directory with the shipped model. */
    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("model-artifacts/lastfm-2k/manifest.json"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no model-artifacts/lastfm-2k above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    /** The shipped model's artifact directory. */
    public static Path shippedDirectory() {
        return repositoryRoot().resolve("model-artifacts/lastfm-2k");
    }

    /** The shipped model, read once per JVM. */
    public static synchronized Model shipped() {
        if (shipped == null) {
            shipped = ModelArtifact.read(shippedDirectory());
        }
        return shipped;
    }

    /** A model named {@code modelId} of {@code n} artists called "artist 1", ... with neighbours. */
    public static Model of(String modelId, int n, double seed) {
        int k = 2;
        int[] ids = new int[n];
        String[] names = new String[n];
        float[] y = new float[n * k];
        double[] gramian = new double[k * k];
        int[] listeners = new int[n];
        long[] plays = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            names[i] = "artist " + (i + 1) + " ☃";
            double angle = Math.toRadians(i * 30 + seed);
            y[i * k] = (float) Math.cos(angle);
            y[i * k + 1] = (float) Math.sin(angle);
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    gramian[r * k + c] += (double) y[i * k + r] * y[i * k + c];
                }
            }
            listeners[i] = n - i;
            plays[i] = 10L * (n - i);
        }
        int m = Math.min(2, n - 1);
        int[] neighbours = new int[n * m];
        float[] similarities = new float[n * m];
        Arrays.fill(neighbours, -1);
        for (int a = 0; a < n; a++) {
            for (int t = 0; t < m; t++) {
                neighbours[a * m + t] = (a + t + 1) % n;
                similarities[a * m + t] = 0.5f / (t + 1);
            }
        }
        Hyperparameters h = new Hyperparameters(k, 0.1, 1.0, "log1p", 100, 0.8, 1, 1, 1, "cg", 3, 0.0);
        ModelInfo info = new ModelInfo(modelId, Instant.parse("2026-01-01T00:00:00Z"), h,
                new ModelInfo.TrainingData("sha256:test", n, n, n), Map.of());
        return new Model(info, new ArtistIndex(ids, names), y, gramian, m, neighbours, similarities, listeners, plays);
    }
}
