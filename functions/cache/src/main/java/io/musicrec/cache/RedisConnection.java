package io.musicrec.cache;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Lettuce connection to Redis from a {@code REDIS_URL} ({@code rediss://}: TLS, checked against
 * the JVM's trust store). Open it once per cold start and share it: it is thread-safe and multiplexes
 * every command over one socket. The auth token comes from the URL locally and from an {@link
 * AuthToken} (the secret) on AWS, asked at each handshake and renewed once when refused. Timeouts are
 * short ({@link #DEFAULT_TIMEOUT}): Redis is in the VPC, and failing fast to be retried beats waiting.
 * Cluster-mode ElastiCache is not supported.
 */
public final class RedisConnection implements AutoCloseable {

    /** The environment variable holding the Redis URL. */
    public static final String REDIS_URL = "REDIS_URL";
    /** How long connecting and each command may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Lettuce's and Netty's switches for their Java Flight Recorder events. */
    static final List<String> JFR_SWITCHES = List.of("io.lettuce.core.jfr", "io.netty.jfr.enabled");

    static {
        // Lettuce and Netty record JFR events whenever the JVM has JFR, which loads JFR's internals
        // (about a hundred classes) at the first connect, for events nothing here records; off unless
        // the JVM is told otherwise (-Dio.lettuce.core.jfr=true, -Dio.netty.jfr.enabled=true).
        for (String jfr : JFR_SWITCHES) {
            if (System.getProperty(jfr) == null) {
                System.setProperty(jfr, "false");
            }
        }
    }

    private static final AtomicBoolean SYNC_PROXY_PREPARED = new AtomicBoolean();

    /**
     * Where the auth token comes from when it is not in the URL: the function's secret. Asked at
     * each handshake (Lettuce's own reconnects included), so a renewed token is used from then on.
     */
    public interface AuthToken {
        /** The token, or empty for none (Redis without AUTH). */
        Optional<String> current();

        /** Redis refused the token: read it again (the source may do nothing when it read it just now). */
        void refresh();
    }

    /** No token but the URL's. */
    public static final AuthToken URL_ONLY = new AuthToken() {
        @Override
        public Optional<String> current() {
            return Optional.empty();
        }

        @Override
        public void refresh() {
        }
    };

    private final ClientResources resources;
    private final RedisClient client;
    private final AuthToken token;
    private volatile StatefulRedisConnection<String, String> connection;

    private RedisConnection(ClientResources resources, RedisClient client, AuthToken token, StatefulRedisConnection<String, String> connection) {
        this.resources = resources;
        this.client = client;
        this.token = token;
        this.connection = connection;
    }

    /**
     * Opens a connection to the URL in {@value #REDIS_URL}.
     *
     * @param environment the process environment, usually {@code System.getenv()}
     * @throws IllegalStateException when the variable is missing or not a Redis URL; the message
     *     names the variable and never repeats a password
     */
    public static RedisConnection fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, DEFAULT_TIMEOUT);
    }

    /**
     * Opens a connection to the URL in {@value #REDIS_URL} whose commands give up after {@code
     * commandTimeout} (a function's share of its time budget); connecting, at a cold start or after a
     * restore, may take {@link #DEFAULT_TIMEOUT}.
     *
     * @throws IllegalStateException when the variable is missing or not a Redis URL
     */
    public static RedisConnection fromEnvironment(Map<String, String> environment, Duration commandTimeout) {
        return fromEnvironment(environment, commandTimeout, URL_ONLY);
    }

    /** {@link #fromEnvironment(Map, Duration)}, the auth token from {@code token} when it has one. */
    public static RedisConnection fromEnvironment(Map<String, String> environment, Duration commandTimeout, AuthToken token) {
        String url = environment.get(REDIS_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(REDIS_URL + " is not set: expected redis://host:6379 or rediss://host:6379");
        }
        try {
            return open(url, DEFAULT_TIMEOUT, commandTimeout, token);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(REDIS_URL + " " + e.getMessage(), e);
        }
    }

    /**
     * Opens a connection with the default timeouts.
     *
     * @param url {@code redis://[:password@]host[:port][/database]} or {@code rediss://...}
     * @throws IllegalArgumentException when {@code url} is not a redis:// or rediss:// URL
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached in time
     */
    public static RedisConnection open(String url) {
        return open(url, DEFAULT_TIMEOUT);
    }

    /**
     * Opens a connection.
     *
     * @param url     {@code redis://[:password@]host[:port][/database]} or {@code rediss://...}
     * @param timeout how long connecting and each command may take
     * @throws IllegalArgumentException when {@code url} is not a redis:// or rediss:// URL
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached in time
     */
    public static RedisConnection open(String url, Duration timeout) {
        return open(url, timeout, timeout);
    }

    /** Opens a connection with {@code timeout} for connecting and for each command, its token from {@code token}. */
    public static RedisConnection open(String url, Duration timeout, AuthToken token) {
        return open(url, timeout, timeout, token);
    }

    /** Opens a connection whose token, if any, is in the URL. */
    public static RedisConnection open(String url, Duration connectTimeout, Duration commandTimeout) {
        return open(url, connectTimeout, commandTimeout, URL_ONLY);
    }

    /**
     * Opens a connection whose auth token, when {@code token} has one, comes from it (asked at every
     * handshake, renewed once when refused) rather than from the URL. {@code commandTimeout} covers
     * commands queued while reconnecting too.
     *
     * @throws IllegalArgumentException when {@code url} is not a redis:// or rediss:// URL
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached in time, or refuses the token
     */
    public static RedisConnection open(String url, Duration connectTimeout, Duration commandTimeout, AuthToken token) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        for (Duration timeout : new Duration[] {connectTimeout, commandTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
        }
        RedisURI uri = parse(url);
        // The URI's timeout bounds connecting and the handshake; TimeoutOptions each command.
        uri.setTimeout(connectTimeout);
        if (token != URL_ONLY) {
            uri.setCredentialsProvider(RedisCredentialsProvider.from(
                    () -> RedisCredentials.just(null, token.current().orElse(null))));
        }
        prepareSyncProxyInBackground();
        // Lettuce's defaults size its thread pools by the machine's cores; a function needs two.
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                // Also times out commands queued while reconnecting, e.g. after a Lambda thaw.
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            return new RedisConnection(resources, client, token, connect(client, token));
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw e;
        }
    }

    /**
     * Generates, on a thread of its own, the class of the proxy behind {@code connection.sync()}, which
     * Lettuce would otherwise build while connecting, one method per Redis command, on the cold start's
     * critical path (bench/README.md has the figure). Built with the same class loader and interfaces, it
     * is in the JDK's proxy class cache by the time Lettuce asks. Once per JVM.
     */
    private static void prepareSyncProxyInBackground() {
        if (SYNC_PROXY_PREPARED.getAndSet(true)) {
            return;
        }
        Thread thread = new Thread(() -> Proxy.newProxyInstance(AbstractRedisClient.class.getClassLoader(),
                new Class<?>[] {RedisCommands.class, RedisClusterCommands.class}, (proxy, method, arguments) -> {
                    throw new UnsupportedOperationException("a class warm-up proxy");
                }), "redis-sync-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    static RedisURI parse(String url) {
        URI parsed;
        try {
            parsed = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (expected redis://host:6379 or rediss://host:6379)");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(RedisURI.URI_SCHEME_REDIS) && !scheme.equals(RedisURI.URI_SCHEME_REDIS_SECURE)) {
            throw new IllegalArgumentException("must start with redis:// or rediss://, not " + (scheme.isEmpty() ? "no scheme" : scheme + "://"));
        }
        if (parsed.getHost() == null || parsed.getHost().isBlank()) {
            throw new IllegalArgumentException("names no host (expected " + scheme + "://host:6379)");
        }
        try {
            return RedisURI.create(parsed);
        } catch (RuntimeException e) {
            // Lettuce's message may quote the URL, password included.
            throw new IllegalArgumentException("is not a Redis URL Lettuce accepts (" + scheme + "://" + parsed.getHost() + "...)");
        }
    }

    /** The connection, for asynchronous or pipelined commands; ask again after {@link #reconnect()}. */
    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /**
     * Blocking commands on the connection; each gives up after the connection's timeout. Ask for
     * them per use rather than keeping them, so that they follow a {@link #reconnect()}.
     */
    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    /**
     * Opens a new connection, then closes the old one: after a SnapStart restore, whose socket was
     * opened before the snapshot. Lettuce reconnects by itself only once the old socket fails, and
     * one the network drops silently fails only after a command times out, so the first requests
     * would wait and fail; a new connection costs one handshake, bounded by the connect timeout.
     * Call it with no command in flight (a restore comes before the first request); when connecting
     * fails, the old connection stays and the failure is thrown.
     */
    public void reconnect() {
        StatefulRedisConnection<String, String> old = connection;
        connection = connect(client, token);
        old.closeAsync();
    }

    /** Connects; when Redis refuses the token, renews it and connects once more. */
    private static StatefulRedisConnection<String, String> connect(RedisClient client, AuthToken token) {
        try {
            return client.connect();
        } catch (RedisConnectionException e) {
            if (!refusedCredentials(e)) {
                throw e;
            }
            token.refresh();
            return client.connect();
        }
    }

    /** Whether a failure is Redis refusing the credentials (WRONGPASS since Redis 6, NOAUTH, or the older "invalid password"). */
    static boolean refusedCredentials(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("WRONGPASS") || message.contains("NOAUTH") || message.contains("invalid password")) {
                return true;
            }
        }
        return false;
    }

    /** Closes the connection and releases Lettuce's threads. */
    @Override
    public void close() {
        connection.close();
        client.shutdown();
        resources.shutdown();
    }
}
