package io.musicrec.ml;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.budget.TimeBudget;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ML function's S3 client and the service over it, built once per cold start. Cheap to build: the
 * model loads on the first request and is kept while the pointer stays put, re-checked in the
 * background ({@link ModelProvider}). Nothing is renewed after a SnapStart restore (see {@link AwsClients}).
 */
public final class ModelComponents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelComponents.class);

    /**
     * The ML function's time budget and the client bounds taken from it ({@link #of}): a request waits
     * for a fresh container's first model for a share of the timeout (the load goes on after that, for
     * the next request), then scores. Once a model is loaded a request never waits for S3.
     */
    public record Limits(TimeBudget budget, Duration firstLoadWait, AwsClients.Limits s3) {

        /** The limits for a function {@code timeout}. */
        public static Limits of(Duration timeout) {
            TimeBudget budget = TimeBudget.of("the ML function", timeout);
            Duration firstLoad = budget.share(0.6);
            return new Limits(budget.spend("waiting for the first model", 1, firstLoad).spend("scoring", 1, budget.share(0.2)),
                    firstLoad, AwsClients.Limits.within(firstLoad, 3));
        }
    }

    /** The budget for a function {@code timeout} (what template.yaml's Timeout must hold). */
    public static TimeBudget budget(Duration timeout) {
        return Limits.of(timeout).budget();
    }

    private final S3Client s3;
    private final ModelProvider models;
    private final ModelRecommendations service;
    private final int defaultN;

    private ModelComponents(S3Client s3, ModelProvider models, ModelRecommendations service, int defaultN) {
        this.s3 = s3;
        this.models = models;
        this.service = service;
        this.defaultN = defaultN;
    }

    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    public static final String SERVICE = "ml";

    /** Builds the S3 client and the model provider the configuration names. */
    public static ModelComponents connect(ModelConfiguration configuration, Clock clock) {
        prepareModelReading();
        Limits limits = Limits.of(configuration.timeout());
        S3Client s3 = AwsClients.s3(configuration.models(), limits.s3());
        ModelProvider models = new ModelProvider(S3ModelStore.of(s3, configuration.models(), clock), clock, ModelProvider.DEFAULT_RECHECK,
                limits.firstLoadWait(), Metrics.toStdout(SERVICE));
        return new ModelComponents(s3, models, new ModelRecommendations(models, configuration.recommender().mode()),
                configuration.recommender().numberOfArtists());
    }

    /**
     * Builds the manifest reader's mapper on a thread of its own while this one builds the S3 client (two
     * costly fresh-JVM steps), so the first request finds it ready; it gains where a second core has time
     * to give (bench/README.md has the figures). A failure costs nothing but the head start.
     */
    private static void prepareModelReading() {
        Thread thread = new Thread(() -> {
            try {
                ModelArtifact.prepare();
            } catch (RuntimeException e) {
                LOG.atDebug().addKeyValue("error", e.toString()).log("preparing the manifest reader failed");
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

    /** Stops the model loader and closes the S3 client (tests; a Lambda container just ends). */
    @Override
    public void close() {
        models.close();
        s3.close();
    }
}
