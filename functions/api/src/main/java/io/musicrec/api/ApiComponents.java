package io.musicrec.api;

import io.musicrec.api.artists.ArtistSearch;
import io.musicrec.api.model.ModelRecommendations;
import io.musicrec.api.plays.PlayService;
import io.musicrec.api.users.Registration;
import io.musicrec.api.users.SuggestionPicker;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.queue.OutboxRelay;
import io.musicrec.platform.queue.SqsRecalculationQueue;
import io.musicrec.platform.songs.RedisSongCache;
import io.musicrec.platform.songs.SongEnricher;
import io.musicrec.platform.songs.SpotifyTrackLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The API function's clients and domain services, built once per cold start from an {@link
 * ApiConfiguration}. Cheap to build: the database connection opens on first use, the model loads on
 * the first request that needs one; only Redis connects here (Lettuce connects eagerly).
 */
public final class ApiComponents implements AutoCloseable {

    private final Registration registration;
    private final PlayService plays;
    private final ModelRecommendations model;
    private final int defaultN;
    private final ArtistSearch search;
    private final Deque<AutoCloseable> closeables;

    private ApiComponents(Registration registration, PlayService plays, ModelRecommendations model, int defaultN,
                          ArtistSearch search, Deque<AutoCloseable> closeables) {
        this.registration = registration;
        this.plays = plays;
        this.model = model;
        this.defaultN = defaultN;
        this.search = search;
        this.closeables = closeables;
    }

    /**
     * Registration asks Spotify on a user's request: eight lookups at a time, three seconds in all
     * (what is unanswered then goes without a song, filled by the first recalculation), then thirty
     * seconds' rest after a failure.
     */
    static final SongEnricher.Limits SONG_LIMITS = new SongEnricher.Limits(8, Duration.ofSeconds(3), Duration.ofSeconds(30));

    /**
     * Connects everything the configuration names.
     *
     * @param random the suggestions' random source
     */
    public static ApiComponents connect(ApiConfiguration configuration, Clock clock, RandomGenerator random) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Database database = new Database(configuration.database(),
                    Database.Options.defaults().withApplicationName("musicrec-api"), clock);
            opened.push(database);
            RedisConnection redis = RedisConnection.fromEnvironment(Map.of(EnvironmentVariables.REDIS_URL, configuration.redisUrl()));
            opened.push(redis);
            SqsClient sqs = AwsClients.sqs(configuration.queue());
            opened.push(sqs);
            S3Client s3 = AwsClients.s3(configuration.models());
            opened.push(s3);
            SpotifyTrackLookup spotify = new SpotifyTrackLookup(configuration.spotify(), clock);
            opened.push(spotify);
            SongEnricher songs = new SongEnricher(new RedisSongCache(redis, clock), spotify, clock, SONG_LIMITS);
            opened.push(songs);

            PostgresPlayStore playStore = new PostgresPlayStore(database, clock);
            PostgresArtistCatalog catalog = new PostgresArtistCatalog(database);
            ModelProvider models = new ModelProvider(S3ModelStore.of(s3, configuration.models(), clock), clock);
            OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(sqs, configuration.queue().queueUrl().toString()), clock);
            return new ApiComponents(
                    new Registration(playStore, new RedisRecommendationCache(redis), models, catalog, songs, new SuggestionPicker(random), clock),
                    new PlayService(playStore, relay),
                    new ModelRecommendations(models, configuration.recommender().mode()),
                    configuration.recommender().numberOfArtists(),
                    new ArtistSearch(catalog),
                    opened);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** {@code POST /users}. */
    public Registration registration() {
        return registration;
    }

    /** {@code POST /plays}. */
    public PlayService plays() {
        return plays;
    }

    /** {@code POST /model/recommendations}. */
    public ModelRecommendations model() {
        return model;
    }

    /** {@code n} of {@code POST /model/recommendations} when a request names none ({@code NUMBER_OF_ARTISTS}). */
    public int defaultN() {
        return defaultN;
    }

    /** {@code GET /artists}. */
    public ArtistSearch search() {
        return search;
    }

    /** Releases every client, newest first (tests; a Lambda container just ends). */
    @Override
    public void close() {
        closeAll(closeables, null);
    }

    private static void closeAll(Deque<AutoCloseable> closeables, RuntimeException cause) {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
