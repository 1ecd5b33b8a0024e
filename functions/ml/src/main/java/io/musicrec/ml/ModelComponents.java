package io.musicrec.ml;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ML function's S3 client and the service over it, built once per cold start from a {@link
 * ModelConfiguration}. Cheap to build: the model loads on the first request (or, with SnapStart,
 * in the first invocation after a restore) and is kept while the store's pointer stays put.
 * Nothing here is renewed after a SnapStart restore: the S3 client keeps nothing a restore spoils
 * (see {@link AwsClients}), and the model is the same in every environment.
 */
public final class ModelComponents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelComponents.class);

    private final S3Client s3;
    private final ModelRecommendations service;
    private final int defaultN;

    private ModelComponents(S3Client s3, ModelRecommendations service, int defaultN) {
        this.s3 = s3;
        this.service = service;
        this.defaultN = defaultN;
    }

    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    public static final String SERVICE = "ml";

    /** Builds the S3 client and the model provider the configuration names. */
    public static ModelComponents connect(ModelConfiguration configuration, Clock clock) {
        prepareModelReading();
        S3Client s3 = AwsClients.s3(configuration.models());
        ModelProvider models = new ModelProvider(S3ModelStore.of(s3, configuration.models(), clock), clock,
                ModelProvider.DEFAULT_RECHECK, Metrics.toStdout(SERVICE));
        return new ModelComponents(s3, new ModelRecommendations(models, configuration.recommender().mode()),
                configuration.recommender().numberOfArtists());
    }

    /**
     * Builds the manifest reader's mapper on a thread of its own while this one builds the S3 client
     * (two fresh-JVM costs of a few hundred milliseconds each): the first request then finds it
     * ready. It gains where a second core has time to give (here, two cores: interleaved cold starts
     * with the model download, 8 each, median 1,606 -> 1,418 ms together with the streamed model
     * pointer); a function given less than a whole vCPU gains less. A failure here costs nothing but
     * the head start; the first model load reports its own.
     */
    private static void prepareModelReading() {
        Thread thread = new Thread(() -> {
            try {
                ModelArtifact.prepare();
            } catch (RuntimeException e) {
                LOG.debug("preparing the manifest reader failed: {}", e.toString());
            }
        }, "model-prepare");
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
