package io.musicrec.users;

import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.songs.RedisSongCache;
import io.musicrec.platform.songs.SongEnricher;
import io.musicrec.platform.songs.SpotifyTrackLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The users function's clients and its one domain service, built once per cold start from a
 * {@link UsersConfiguration}: PostgreSQL (users, the catalog's popularity), Redis (documents, the
 * song cache) and Spotify. Only Redis connects here (Lettuce connects eagerly); the database
 * connection opens on first use.
 */
public final class UsersComponents implements AutoCloseable {

    /**
     * Registration asks Spotify on a user's request: eight lookups at a time, three seconds in all
     * (what is unanswered then goes without a song, filled by the first recalculation), then thirty
     * seconds' rest after a failure.
     */
    static final SongEnricher.Limits SONG_LIMITS = new SongEnricher.Limits(8, Duration.ofSeconds(3), Duration.ofSeconds(30));

    private final Registration registration;
    private final Deque<AutoCloseable> closeables;

    private UsersComponents(Registration registration, Deque<AutoCloseable> closeables) {
        this.registration = registration;
        this.closeables = closeables;
    }

    /**
     * Connects everything the configuration names.
     *
     * @param random the suggestions' random source
     */
    public static UsersComponents connect(UsersConfiguration configuration, Clock clock, RandomGenerator random) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Database database = new Database(configuration.database(),
                    Database.Options.defaults().withApplicationName("musicrec-users"), clock);
            opened.push(database);
            RedisConnection redis = RedisConnection.fromEnvironment(Map.of(EnvironmentVariables.REDIS_URL, configuration.redisUrl()));
            opened.push(redis);
            SpotifyTrackLookup spotify = new SpotifyTrackLookup(configuration.spotify(), clock);
            opened.push(spotify);
            SongEnricher songs = new SongEnricher(new RedisSongCache(redis, clock), spotify, clock, SONG_LIMITS);
            opened.push(songs);
            Popularity popularity = new Popularity(new PostgresArtistCatalog(database), clock, Popularity.DEFAULT_REFRESH);
            return new UsersComponents(new Registration(new PostgresPlayStore(database, clock), new RedisRecommendationCache(redis),
                    popularity, songs, new SuggestionPicker(random), clock), opened);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** {@code POST /users}. */
    public Registration registration() {
        return registration;
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
