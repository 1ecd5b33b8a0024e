package io.musicrec.local.services;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts the services the recommender needs, or uses the external ones the environment names
 * ({@code DATABASE_URL}, {@code REDIS_URL}, {@code SQS_ENDPOINT}, {@code S3_ENDPOINT}, {@code
 * SPOTIFY_API_URL}; see {@link Service}). Embedded servers listen on 127.0.0.1, keep their data in a
 * subdirectory per service when given a data directory, and start in parallel; if one fails, those
 * started are stopped and the failure is thrown. {@link #close()} stops them in reverse order.
 */
public final class LocalServices implements AutoCloseable {

    /** The variable naming an external PostgreSQL. */
    public static final String DATABASE_URL = "DATABASE_URL";
    /** The variable naming an external Redis. */
    public static final String REDIS_URL = "REDIS_URL";
    /** The variable naming an external SQS endpoint. */
    public static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    /** The variable naming an external S3 endpoint. */
    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    /** The variable naming an external Spotify Web API (the real one, or another stand-in). */
    public static final String SPOTIFY_API_URL = "SPOTIFY_API_URL";

    /** The services this class can provide. */
    public enum Service {
        /** {@code DATABASE_URL} ({@code jdbc:postgresql://...} or {@code postgres://user:pass@host:port/db}), else {@link PostgresServer}. */
        POSTGRES,
        /** {@code REDIS_URL} ({@code redis://} or {@code rediss://host:port}), else {@link RedisServer}. */
        REDIS,
        /** {@code SQS_ENDPOINT} ({@code http(s)://host:port}), else {@link SqsServer}. */
        SQS,
        /** {@code S3_ENDPOINT} ({@code http(s)://host:port}), else {@link S3Server}. */
        S3,
        /** Spotify's Web API and accounts: {@code SPOTIFY_API_URL}, else {@link SpotifyStandIn}. */
        SPOTIFY
    }

    /**
     * What to provide and where embedded servers listen and keep data.
     *
     * @param services      the services wanted
     * @param ports         fixed ports for embedded servers; a service not named gets a free port
     * @param dataDirectory the parent of the embedded servers' data directories, if data is kept
     */
    public record Options(Set<Service> services, Map<Service, Integer> ports, Optional<Path> dataDirectory) {

        /** Copies the collections; at least one service. */
        public Options {
            services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
            ports = Map.copyOf(ports);
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            if (services.isEmpty()) {
                throw new IllegalArgumentException("ask for at least one service");
            }
        }

        /** Every service, free ports, no data kept. */
        public static Options all() {
            return new Options(EnumSet.allOf(Service.class), Map.of(), Optional.empty());
        }

        /**
         * Only these services, free ports, no data kept.
         *
         * @param first the first service
         * @param rest  more services
         */
        public static Options only(Service first, Service... rest) {
            return new Options(EnumSet.of(first, rest), Map.of(), Optional.empty());
        }

        /**
         * The same, with embedded servers keeping their data under {@code directory}.
         *
         * @param directory the parent directory, created when missing
         */
        public Options withDataDirectory(Path directory) {
            return new Options(services, ports, Optional.of(directory));
        }

        /**
         * The same, with a fixed port for one embedded server.
         *
         * @param service the service
         * @param port    its port, 0 for a free one
         */
        public Options withPort(Service service, int port) {
            Map<Service, Integer> copy = new EnumMap<>(Service.class);
            copy.putAll(ports);
            copy.put(service, port);
            return new Options(services, copy, dataDirectory);
        }

        ServerOptions serverOptions(Service service) {
            ServerOptions options = ServerOptions.onPort(ports.getOrDefault(service, 0));
            return dataDirectory
                    .map(directory -> options.withDataDirectory(directory.resolve(service.name().toLowerCase())))
                    .orElse(options);
        }
    }

    private final Deque<AutoCloseable> started;
    private final Set<Service> external;
    private final Optional<DatabaseEndpoint> database;
    private final Optional<String> redisUrl;
    private final Optional<String> sqsEndpoint;
    private final Optional<String> s3Endpoint;
    private final Optional<String> spotifyUrl;
    private final Optional<PostgresServer> postgres;
    private final Optional<RedisServer> redis;
    private final Optional<SqsServer> sqs;
    private final Optional<S3Server> s3;
    private final Optional<SpotifyStandIn> spotify;

    private LocalServices(Builder b) {
        this.started = b.started;
        this.external = Set.copyOf(b.external.isEmpty() ? Set.of() : EnumSet.copyOf(b.external));
        this.database = b.database;
        this.redisUrl = b.redisUrl;
        this.sqsEndpoint = b.sqsEndpoint;
        this.s3Endpoint = b.s3Endpoint;
        this.spotifyUrl = b.spotifyUrl;
        this.postgres = b.postgres;
        this.redis = b.redis;
        this.sqs = b.sqs;
        this.s3 = b.s3;
        this.spotify = b.spotify;
    }

    /** Collects what {@link #start} found or started before the instance exists. */
    private static final class Builder {
        final Deque<AutoCloseable> started = new ArrayDeque<>();
        final Set<Service> external = EnumSet.noneOf(Service.class);
        Optional<DatabaseEndpoint> database = Optional.empty();
        Optional<String> redisUrl = Optional.empty();
        Optional<String> sqsEndpoint = Optional.empty();
        Optional<String> s3Endpoint = Optional.empty();
        Optional<String> spotifyUrl = Optional.empty();
        Optional<PostgresServer> postgres = Optional.empty();
        Optional<RedisServer> redis = Optional.empty();
        Optional<SqsServer> sqs = Optional.empty();
        Optional<S3Server> s3 = Optional.empty();
        Optional<SpotifyStandIn> spotify = Optional.empty();

        void track(AutoCloseable server) {
            started.push(server);
        }
    }

    /**
     * Provides the services in {@code options}: external where {@code environment} names them,
     * embedded otherwise. Every variable is validated before anything starts.
     *
     * @param options     which services, ports and data directory
     * @param environment variable name to value, null when unset (e.g. {@code System::getenv})
     * @throws IllegalArgumentException naming the variable whose value is malformed
     */
    public static LocalServices start(Options options, Function<String, String> environment) {
        Function<String, Optional<String>> variable = name -> Optional.ofNullable(environment.apply(name))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
        Builder b = new Builder();
        Set<Service> wanted = options.services();

        // Validate every external endpoint first, so a typo fails before servers are started.
        if (wanted.contains(Service.POSTGRES)) {
            b.database = variable.apply(DATABASE_URL).map(DatabaseEndpoint::parse);
            b.database.ifPresent(ignored -> b.external.add(Service.POSTGRES));
        }
        if (wanted.contains(Service.REDIS)) {
            b.redisUrl = variable.apply(REDIS_URL).map(url -> requireScheme(REDIS_URL, url, "redis", "rediss"));
            b.redisUrl.ifPresent(ignored -> b.external.add(Service.REDIS));
        }
        if (wanted.contains(Service.SQS)) {
            b.sqsEndpoint = variable.apply(SQS_ENDPOINT).map(url -> requireScheme(SQS_ENDPOINT, url, "http", "https"));
            b.sqsEndpoint.ifPresent(ignored -> b.external.add(Service.SQS));
        }
        if (wanted.contains(Service.S3)) {
            b.s3Endpoint = variable.apply(S3_ENDPOINT).map(url -> requireScheme(S3_ENDPOINT, url, "http", "https"));
            b.s3Endpoint.ifPresent(ignored -> b.external.add(Service.S3));
        }
        if (wanted.contains(Service.SPOTIFY)) {
            b.spotifyUrl = variable.apply(SPOTIFY_API_URL).map(url -> requireScheme(SPOTIFY_API_URL, url, "http", "https"));
            b.spotifyUrl.ifPresent(ignored -> b.external.add(Service.SPOTIFY));
        }

        // Embedded servers start side by side: PostgreSQL and Redis are child processes that mostly
        // wait, ElasticMQ and s3proxy mostly load classes, so together they take about as long as
        // the slowest one.
        ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-services-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Optional<CompletableFuture<PostgresServer>> postgres = startIf(
                    wanted.contains(Service.POSTGRES) && b.database.isEmpty(),
                    () -> PostgresServer.start(options.serverOptions(Service.POSTGRES)), pool);
            Optional<CompletableFuture<RedisServer>> redis = startIf(
                    wanted.contains(Service.REDIS) && b.redisUrl.isEmpty(),
                    () -> RedisServer.start(options.serverOptions(Service.REDIS)), pool);
            Optional<CompletableFuture<SqsServer>> sqs = startIf(
                    wanted.contains(Service.SQS) && b.sqsEndpoint.isEmpty(),
                    () -> SqsServer.start(options.serverOptions(Service.SQS)), pool);
            Optional<CompletableFuture<S3Server>> s3 = startIf(
                    wanted.contains(Service.S3) && b.s3Endpoint.isEmpty(),
                    () -> S3Server.start(options.serverOptions(Service.S3)), pool);
            Optional<CompletableFuture<SpotifyStandIn>> spotify = startIf(
                    wanted.contains(Service.SPOTIFY) && b.spotifyUrl.isEmpty(),
                    () -> SpotifyStandIn.start(options.ports().getOrDefault(Service.SPOTIFY, 0)), pool);

            // Wait for all, keeping those that started (in a fixed order, so close() is predictable).
            RuntimeException failure = null;
            for (Optional<? extends CompletableFuture<? extends AutoCloseable>> future
                    : List.of(postgres, redis, sqs, s3, spotify)) {
                if (future.isEmpty()) {
                    continue;
                }
                try {
                    b.track(future.get().join());
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                closeAll(b.started, failure);
                throw failure;
            }

            b.postgres = postgres.map(CompletableFuture::join);
            b.postgres.ifPresent(server ->
                    b.database = Optional.of(new DatabaseEndpoint(server.jdbcUrl(), server.user(), server.password())));
            b.redis = redis.map(CompletableFuture::join);
            b.redis.ifPresent(server -> b.redisUrl = Optional.of(server.url()));
            b.sqs = sqs.map(CompletableFuture::join);
            b.sqs.ifPresent(server -> b.sqsEndpoint = Optional.of(server.endpoint()));
            b.s3 = s3.map(CompletableFuture::join);
            b.s3.ifPresent(server -> b.s3Endpoint = Optional.of(server.endpoint()));
            b.spotify = spotify.map(CompletableFuture::join);
            b.spotify.ifPresent(server -> b.spotifyUrl = Optional.of(server.baseUrl()));
        } finally {
            pool.shutdown();
        }
        return new LocalServices(b);
    }

    private static <T> Optional<CompletableFuture<T>> startIf(boolean needed, Supplier<T> start, ExecutorService pool) {
        return needed ? Optional.of(CompletableFuture.supplyAsync(start, pool)) : Optional.empty();
    }

    private static String requireScheme(String variable, String value, String... schemes) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a valid URL", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !Set.of(schemes).contains(uri.getScheme().toLowerCase())) {
            throw new IllegalArgumentException(variable + " must look like " + schemes[0] + "://host:port");
        }
        return value;
    }

    /** PostgreSQL: the embedded server's or {@code DATABASE_URL}'s; empty when not asked for. */
    public Optional<DatabaseEndpoint> database() {
        return database;
    }

    /** {@code redis://...}: the embedded server's or {@code REDIS_URL}; empty when not asked for. */
    public Optional<String> redisUrl() {
        return redisUrl;
    }

    /** {@code http://...}: the embedded server's or {@code SQS_ENDPOINT}; empty when not asked for. */
    public Optional<String> sqsEndpoint() {
        return sqsEndpoint;
    }

    /** {@code http://...}: the embedded server's or {@code S3_ENDPOINT}; empty when not asked for. */
    public Optional<String> s3Endpoint() {
        return s3Endpoint;
    }

    /**
     * The Spotify Web API base URL: the stand-in's (which also serves the accounts service's
     * {@code /api/token}) or {@code SPOTIFY_API_URL}; empty when not asked for.
     */
    public Optional<String> spotifyUrl() {
        return spotifyUrl;
    }

    /** True when the service's endpoint came from the environment rather than an embedded server. */
    public boolean isExternal(Service service) {
        return external.contains(service);
    }

    /** The embedded PostgreSQL, when one was started. */
    public Optional<PostgresServer> postgres() {
        return postgres;
    }

    /** The embedded Redis, when one was started. */
    public Optional<RedisServer> redis() {
        return redis;
    }

    /** The embedded ElasticMQ, when one was started (to create queues on it). */
    public Optional<SqsServer> sqs() {
        return sqs;
    }

    /** The embedded s3proxy, when one was started (to create buckets on it). */
    public Optional<S3Server> s3() {
        return s3;
    }

    /** The Spotify stand-in, when one was started (to fill its catalog). */
    public Optional<SpotifyStandIn> spotify() {
        return spotify;
    }

    /** One line per service: its endpoint and whether it is embedded or external; no passwords. */
    public String report() {
        StringBuilder report = new StringBuilder();
        database.ifPresent(d -> line(report, Service.POSTGRES, d.jdbcUrl() + (d.user().isEmpty() ? "" : " (user " + d.user() + ")")));
        redisUrl.ifPresent(url -> line(report, Service.REDIS, withoutUserInfo(url)));
        sqsEndpoint.ifPresent(url -> line(report, Service.SQS, url));
        s3Endpoint.ifPresent(url -> line(report, Service.S3, url));
        spotifyUrl.ifPresent(url -> line(report, Service.SPOTIFY, url));
        return report.toString();
    }

    private void line(StringBuilder report, Service service, String endpoint) {
        report.append(String.format("%-8s %-9s %s%n", service.name().toLowerCase(),
                isExternal(service) ? "external" : "embedded", endpoint));
    }

    private static String withoutUserInfo(String url) {
        URI uri = URI.create(url);
        return uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "***@");
    }

    /** Stops every embedded server, newest first; all are attempted even if one fails. */
    @Override
    public void close() {
        RuntimeException failure = closeAll(started, null);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeAll(Deque<AutoCloseable> servers, RuntimeException cause) {
        RuntimeException failure = cause;
        while (!servers.isEmpty()) {
            AutoCloseable server = servers.pop();
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop " + server.getClass().getSimpleName(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return cause == null ? failure : null;
    }
}
