package io.musicrec.users;

import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.http.Json;
import io.musicrec.platform.budget.TimeBudget;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.songs.RedisSongCache;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.secrets.SecretRedisToken;
import io.musicrec.platform.secrets.Secrets;
import io.musicrec.platform.songs.SongEnricher;
import io.musicrec.platform.songs.SpotifyTrackLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * The users function's clients and its one domain service, built once per cold start from a
 * {@link UsersConfiguration}: PostgreSQL (users, the catalog's popularity), Redis (documents, the
 * song cache) and Spotify. Redis connects on a thread of its own (Lettuce connects eagerly) while
 * the rest is built and the database connection opened. {@link #restoreHooks()} renews the random
 * source and the connections after a SnapStart restore; the handler must keep them.
 */
public final class UsersComponents implements AutoCloseable {

    /**
     * A registration's time budget (the calls in order, in {@link #of}) and the client bounds taken
     * from it. Songs Spotify has not answered in its share go without one until the first recalculation.
     *
     * @param budget   the sequence, checked to fit the timeout
     * @param database one transaction or statement, in all
     * @param redis    one Redis command
     * @param songs    the song enricher's limits
     */
    public record Limits(TimeBudget budget, Duration database, Duration redis, SongEnricher.Limits songs) {

        /** The limits for a function {@code timeout}. */
        public static Limits of(Duration timeout) {
            TimeBudget budget = TimeBudget.of("the users function", timeout);
            Duration database = budget.share(0.15);
            Duration redis = budget.share(0.06);
            Duration spotify = budget.share(0.3);
            return new Limits(budget.spend("the stored document", 1, redis).spend("the catalog's popularity", 1, database)
                    .spend("the song cache", 1, redis).spend("Spotify", 1, spotify).spend("the user row", 1, database)
                    .spend("storing the suggestions, then the winner's document", 2, redis),
                    database, redis, new SongEnricher.Limits(8, spotify, Duration.ofSeconds(30)));
        }
    }

    /** The budget for a function {@code timeout} (what template.yaml's Timeout must hold). */
    public static TimeBudget budget(Duration timeout) {
        return Limits.of(timeout).budget();
    }

    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    public static final String SERVICE = "users";

    private final Registration registration;
    private final RestoreHooks restoreHooks;
    private final OpenedClients clients;

    private UsersComponents(Registration registration, RestoreHooks restoreHooks, OpenedClients clients) {
        this.registration = registration;
        this.restoreHooks = restoreHooks;
        this.clients = clients;
    }

    /**
     * Connects everything the configuration names.
     *
     * @param random the suggestions' random source
     */
    public static UsersComponents connect(UsersConfiguration configuration, Clock clock, RandomGenerator random) {
        Limits limits = Limits.of(configuration.timeout());
        OpenedClients opened = new OpenedClients("the users function");
        Secrets secrets = Secrets.open(configuration.secret(), clock, opened);
        // Redis's first connection (loading Netty, Reactor and Lettuce: the largest part of this cold
        // start) opens on a thread of its own while this one builds the database and Spotify clients,
        // which do not need it.
        CompletableFuture<RedisConnection> redisOpening = CompletableFuture.supplyAsync(
                () -> openRedis(configuration.redisUrl(), limits.redis(), secrets),
                task -> {
                    Thread thread = new Thread(task, "users-redis-connect");
                    thread.setDaemon(true);
                    thread.start();
                });
        boolean redisKept = false;
        try {
            Database database = opened.add(new Database(configuration.database(),
                    Database.Options.within(limits.database()).withApplicationName("musicrec-users"), clock, secrets));
            SpotifyTrackLookup spotify = opened.add(new SpotifyTrackLookup(configuration.spotify(), secrets, clock));
            // Time to spare until Redis is open: the database connection and the JSON writer the
            // first request needs are made now rather than during it.
            database.connectNow();
            Json.object();
            RedisConnection redis = opened.add(await(redisOpening));
            redisKept = true;
            SongEnricher songs = opened.add(new SongEnricher(new RedisSongCache(redis, clock), spotify, clock, limits.songs(),
                    Metrics.toStdout(SERVICE)));
            Popularity popularity = new Popularity(new PostgresArtistCatalog(database), clock, Popularity.DEFAULT_REFRESH);
            SuggestionPicker picker = new SuggestionPicker(random);
            RestoreHooks hooks = new RestoreHooks("the users function")
                    .afterRestore("the suggestions' random source", () -> picker.reseed(RestoreHooks.freshSeed()))
                    .beforeSnapshot("the PostgreSQL connection", database::closeConnection)
                    .afterRestore("the PostgreSQL connection", database::restored)
                    .afterRestore("the Redis connection", redis::reconnect)
                    .afterRestore("Spotify's idle connections", spotify::closeIdleConnections)
                    .register();
            return new UsersComponents(new Registration(new PostgresPlayStore(database, clock), new RedisRecommendationCache(redis),
                    popularity, songs, picker, clock), hooks, opened);
        } catch (RuntimeException | Error e) {
            if (!redisKept) {
                // Still opening, or open but not yet kept: closed once it is open, so no thread outlives the failure.
                redisOpening.thenAccept(RedisConnection::close);
            }
            if (e instanceof RuntimeException failure) {
                opened.closeAfter(failure);
            }
            throw e;
        }
    }

    /** Redis at {@code url}, its token from the secret when there is one (else the URL's). */
    private static RedisConnection openRedis(String url, Duration timeout, Secrets secrets) {
        return RedisConnection.fromEnvironment(Map.of(EnvironmentVariables.REDIS_URL, url), timeout, SecretRedisToken.of(secrets));
    }

    /** The connection, or what opening it threw, as thrown. */
    private static RedisConnection await(CompletableFuture<RedisConnection> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** {@code POST /users}. */
    public Registration registration() {
        return registration;
    }

    /** What a SnapStart restore renews: registered already; keep them (see {@link RestoreHooks}). */
    public RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    /** Releases every client, newest first (tests; a Lambda container just ends); see {@link OpenedClients#close()}. */
    @Override
    public void close() {
        clients.close();
    }
}
