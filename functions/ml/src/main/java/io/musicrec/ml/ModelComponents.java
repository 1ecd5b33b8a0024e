package io.musicrec.ml;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.http.Json;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ML function's S3 client and the service over it, built once per cold start from a {@link
 * ModelConfiguration}. The model starts loading in the background at once (see {@link #connect}),
 * and is kept while the store's pointer stays put.
 */
public final class ModelComponents implements AutoCloseable {

    private final S3Client s3;
    private final ModelRecommendations service;
    private final int defaultN;

    private ModelComponents(S3Client s3, ModelRecommendations service, int defaultN) {
        this.s3 = s3;
        this.service = service;
        this.defaultN = defaultN;
    }

    /** Builds the S3 client and the model provider the configuration names. */
    public static ModelComponents connect(ModelConfiguration configuration, Clock clock) {
        // Two cores at a cold start: Jackson's mappers (the manifest's, the store's pointer's, the
        // responses') are made on a thread of their own while this one builds the S3 client, and
        // the model starts loading as soon as the client exists, so that the first request finds it
        // loaded or loading. A failed load is not reported here: the first request loads again and
        // answers 503 if it must.
        background("ml-json-warm-up", () -> {
            for (Class<?> type : List.of(ModelArtifact.class, S3ModelStore.class, Json.class)) {
                try {
                    Class.forName(type.getName(), true, type.getClassLoader());
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // Only a warm-up: the class initialises when first used, and fails there if it must.
                }
            }
        });
        S3Client s3 = AwsClients.s3(configuration.models());
        ModelProvider models = new ModelProvider(S3ModelStore.of(s3, configuration.models(), clock), clock);
        background("ml-model-load", () -> {
            try {
                models.current();
            } catch (RuntimeException ignored) {
                // The first request's own load reports it.
            }
        });
        return new ModelComponents(s3, new ModelRecommendations(models, configuration.recommender().mode()),
                configuration.recommender().numberOfArtists());
    }

    private static void background(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code POST /model/recommendations}. */
    public ModelRecommendations service() {
        return service;
    }

    /** {@code n} when a request names none ({@code NUMBER_OF_ARTISTS}). */
    public int defaultN() {
        return defaultN;
    }

    /** Closes the S3 client (tests; a Lambda container just ends). */
    @Override
    public void close() {
        s3.close();
    }
}
