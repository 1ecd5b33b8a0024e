package io.musicrec.worker;

import io.musicrec.engine.model.Model;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.models.ModelPointer;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.songs.SpotifySettings;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestServices;
import io.musicrec.worker.recalculation.RecalculationBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The servers the worker's integration tests share ({@link TestServices}): PostgreSQL, Redis,
 * ElasticMQ and s3proxy (or those named by {@code DATABASE_URL}, {@code REDIS_URL}, {@code
 * SQS_ENDPOINT}, {@code S3_ENDPOINT}), and a Spotify stand-in of the tests' own, always embedded,
 * since the tests switch its failures on and off. Test classes isolate themselves with a fresh
 * schema and a fresh bucket ({@link TestServices#freshCatalog}, {@link TestServices#freshModelBucket}),
 * and tests with fresh user ids. The four servers start together when this class is first used.
 */
final class TestStack {

    /** The model the project ships, published to every fresh bucket. */
    static final String MODEL_ID = "lastfm-2k-v1";

    private static SpotifyStandIn spotify;
    private static Path modelCache;

    static {
        TestServices.start(LocalServices.Service.POSTGRES, LocalServices.Service.REDIS, LocalServices.Service.SQS,
                LocalServices.Service.S3);
    }

    private TestStack() {
    }

    /** The Spotify stand-in; tests add the artists they expect and reset failures when done. */
    static synchronized SpotifyStandIn spotify() {
        if (spotify == null) {
            spotify = TestServices.closeAtExit(SpotifyStandIn.start(0));
        }
        return spotify;
    }

    /** The id of the artist of this name in the shipped model. */
    static int artistId(String name) {
        Model m = TestModels.shipped();
        for (int i = 0; i < m.size(); i++) {
            if (m.artists().name(i).equals(name)) {
                return m.artists().id(i);
            }
        }
        throw new IllegalArgumentException("no artist '" + name + "' in " + m.id());
    }

    /** Where the workers of this JVM keep downloaded models (not the shared /tmp/musicrec-models). */
    static synchronized Path modelCache() {
        if (modelCache == null) {
            try {
                modelCache = Files.createTempDirectory("worker-it-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return modelCache;
    }

    /**
     * A new bucket whose pointer names a model that was never uploaded: what a worker finds when a
     * publish went wrong or the model's files were deleted. {@link TestServices#publish} repairs it.
     */
    static ModelStoreSettings modelBucketPointingAtAMissingModel() {
        ModelStoreSettings settings = TestServices.freshBucket();
        try (S3Client s3 = AwsClients.s3(settings)) {
            s3.putObject(b -> b.bucket(settings.bucket()).key(settings.prefix() + "/" + S3ModelStore.POINTER),
                    RequestBody.fromString(ModelPointer.write("never-uploaded", Instant.parse("2026-11-28T03:00:00Z"))));
        }
        return settings;
    }

    /** The stand-in's credentials and URL, with timeouts short enough for a silent stand-in. */
    static SpotifySettings spotifySettings(SpotifyStandIn standIn) {
        return SpotifySettings.of(SpotifyStandIn.CLIENT_ID, SpotifyStandIn.CLIENT_SECRET, URI.create(standIn.baseUrl()))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    /**
     * Worker settings for these servers: {@code n} artists in the default mode, songs from the tests'
     * stand-in, and a queue on the test SQS that does not exist (tests whose events come from no
     * queue: a postponed redelivery is then logged as failed, which changes nothing else).
     */
    static WorkerConfiguration settings(DatabaseSettings database, ModelStoreSettings models, int n) {
        return settings(database, models, n, queue(TestServices.sqsEndpoint() + "/000000000000/no-such-queue"),
                RecalculationBatch.DEFAULT_UNAVAILABLE_BACKOFF);
    }

    /** The same, for messages received from {@code queue}, put off by {@code unavailableBackoff} while a service is down. */
    static WorkerConfiguration settings(DatabaseSettings database, ModelStoreSettings models, int n, QueueSettings queue,
                                   List<Duration> unavailableBackoff) {
        return new WorkerConfiguration(database, TestServices.redisUrl(), models, modelCache(), ModelProvider.DEFAULT_RECHECK,
                new RecommenderSettings(n, RecommenderSettings.DEFAULT_MODE), spotifySettings(spotify()), queue, unavailableBackoff,
                WorkerConfiguration.DEFAULT_TIMEOUT, SecretSettings.none());
    }

    /** The queue at {@code queueUrl} on the test SQS. */
    static QueueSettings queue(String queueUrl) {
        return TestServices.queue(queueUrl);
    }
}
