package io.musicrec.local.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for Spotify's accounts service (client credentials) and Web API search on one {@link
 * #baseUrl()}, in Spotify's wire format. Hits come in catalog order, not by popularity, so a client
 * must pick the most popular itself. Tests can make requests fail, expire tokens and count requests.
 * Must not miss: spotify-web-api-java's {@code ClientCredentialsRequest} always targets {@code
 * https://accounts.spotify.com}, so the client reaches this token endpoint only through platform's
 * {@code AccountsRedirectingHttpManager}. Answers say {@code Cache-Control: private, max-age=0}, as Spotify's do.
 */
public final class SpotifyStandIn implements AutoCloseable {

    /** The client id the stand-in accepts. */
    public static final String CLIENT_ID = "local-spotify-client-id";
    /** The client secret the stand-in accepts. */
    public static final String CLIENT_SECRET = "local-spotify-client-secret";
    /** Seconds a token is said to last ({@code expires_in}); tokens only expire through {@link #expireTokens()}. */
    public static final int TOKEN_LIFETIME_SECONDS = 3600;

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 50;
    private static final int MAX_OFFSET = 1000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Map<String, List<Track>> catalog = new ConcurrentHashMap<>();
    private final List<String> artistOrder = new CopyOnWriteArrayList<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Optional<Failure>> allFailure = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<Failure>> searchFailure = new AtomicReference<>(Optional.empty());
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger searchRequests = new AtomicInteger();
    private final List<String> searchQueries = new CopyOnWriteArrayList<>();
    private final Object hangMonitor = new Object();
    private long hangGeneration;

    /**
     * A track in the catalog: its title, Spotify popularity (0..100) and credited artists (empty: the
     * artist it is filed under). A track filed under one artist but credited to others is found by a
     * search for that artist, as covers are on Spotify, so a client's own-tracks filter can be tested.
     */
    public record Track(String name, int popularity, List<String> artists) {

        /** A name is required; popularity is 0..100 as on Spotify. */
        public Track {
            Objects.requireNonNull(name, "name");
            if (popularity < 0 || popularity > 100) {
                throw new IllegalArgumentException("popularity must be 0..100, was " + popularity);
            }
            artists = List.copyOf(artists);
        }

        /**
         * A track credited to the artist it is filed under.
         *
         * @param name       the song title
         * @param popularity Spotify's popularity, 0..100
         */
        public Track(String name, int popularity) {
            this(name, popularity, List.of());
        }
    }

    /** How the stand-in fails a request; see {@link #failWith(Failure)}. */
    public sealed interface Failure {

        /**
         * 429 with {@code Retry-After: seconds} and {@code {"error":{"status":429,"message":"API rate limit exceeded"}}}.
         *
         * @param retryAfterSeconds the header's value
         */
        static Failure tooManyRequests(int retryAfterSeconds) {
            return new TooManyRequests(retryAfterSeconds);
        }

        /** 500 with {@code {"error":{"status":500,"message":"Server error."}}}. */
        static Failure serverError() {
            return new ServerError();
        }

        /** No answer: the request is held until {@link #recover()} or {@link #close()}, so the client times out. */
        static Failure noAnswer() {
            return new NoAnswer();
        }
    }

    /**
     * A 429 answer.
     *
     * @param retryAfterSeconds the {@code Retry-After} header's value
     */
    public record TooManyRequests(int retryAfterSeconds) implements Failure {

        /** Retry-After is a non-negative number of seconds. */
        public TooManyRequests {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + retryAfterSeconds);
            }
        }
    }

    /** A 500 answer. */
    public record ServerError() implements Failure {
    }

    /** No answer at all. */
    public record NoAnswer() implements Failure {
    }

    private SpotifyStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Starts the stand-in with an empty catalog.
     *
     * @param port the port on 127.0.0.1, 0 for a free one
     */
    public static SpotifyStandIn start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            // Unbounded, so that requests held by noAnswer() never starve the others.
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "spotify-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            SpotifyStandIn standIn = new SpotifyStandIn(server, executor);
            server.createContext("/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Spotify stand-in on port " + port, e);
        }
    }

    /**
     * Starts the stand-in with a catalog.
     *
     * @param port    the port on 127.0.0.1, 0 for a free one
     * @param catalog artist name to tracks, searched in the map's iteration order
     */
    public static SpotifyStandIn start(int port, Map<String, List<Track>> catalog) {
        SpotifyStandIn standIn = start(port);
        catalog.forEach(standIn::addArtist);
        return standIn;
    }

    /**
     * Adds an artist and its tracks to the catalog (replacing the tracks of an artist already there).
     *
     * @param artistName the name searches must contain
     * @param tracks     the artist's tracks, in the order searches return them
     * @return this stand-in
     */
    public SpotifyStandIn addArtist(String artistName, List<Track> tracks) {
        Objects.requireNonNull(artistName, "artistName");
        if (catalog.put(artistName, List.copyOf(tracks)) == null) {
            artistOrder.add(artistName);
        }
        return this;
    }

    /** {@code http://127.0.0.1:PORT}: both the accounts and the Web API base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port the stand-in listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Fails every request (token and search) in the given way until {@link #recover()}. */
    public void failWith(Failure failure) {
        allFailure.set(Optional.of(failure));
    }

    /** Fails searches in the given way (tokens are still issued) until {@link #recover()}. */
    public void failSearchWith(Failure failure) {
        searchFailure.set(Optional.of(failure));
    }

    /** Answers normally again and releases requests held by {@link Failure#noAnswer()}. */
    public void recover() {
        allFailure.set(Optional.empty());
        searchFailure.set(Optional.empty());
        releaseHeldRequests();
    }

    /** Makes every token issued so far invalid, as if it had expired. */
    public void expireTokens() {
        validTokens.clear();
    }

    /** Token requests received, answered or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Search requests received, answered or not. */
    public int searchRequests() {
        return searchRequests.get();
    }

    /** The {@code q} parameter of every search received, in order. */
    public List<String> searchQueries() {
        return List.copyOf(searchQueries);
    }

    /** Sets both request counters to zero and forgets the queries. */
    public void resetCounters() {
        tokenRequests.set(0);
        searchRequests.set(0);
        searchQueries.clear();
    }

    /** Releases held requests and stops the server. */
    @Override
    public void close() {
        releaseHeldRequests();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            // A bug here must show as a 500 to the client, not as a connection reset.
            send(exchange, 500, SpotifyJson.apiError(500, "Stand-in error: " + e));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/token")) {
            tokenRequests.incrementAndGet();
            if (!failed(exchange, allFailure.get())) {
                token(exchange);
            }
        } else if (path.equals("/v1/search")) {
            searchRequests.incrementAndGet();
            if (!failed(exchange, allFailure.get()) && !failed(exchange, searchFailure.get())) {
                search(exchange);
            }
        } else {
            send(exchange, 404, SpotifyJson.apiError(404, "Service not found"));
        }
    }

    private boolean failed(HttpExchange exchange, Optional<Failure> failure) throws IOException {
        if (failure.isEmpty()) {
            return false;
        }
        Failure mode = failure.get();
        if (mode instanceof TooManyRequests tooMany) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(tooMany.retryAfterSeconds()));
            send(exchange, 429, SpotifyJson.apiError(429, "API rate limit exceeded"));
        } else if (mode instanceof ServerError) {
            send(exchange, 500, SpotifyJson.apiError(500, "Server error."));
        } else {
            holdUntilReleased();
        }
        return true;
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, SpotifyJson.apiError(405, "Method not allowed"));
            return;
        }
        Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, SpotifyJson.accountsError("unsupported_grant_type",
                    "grant_type parameter is missing"));
            return;
        }
        Optional<String[]> credentials = basicCredentials(exchange)
                .or(() -> Optional.ofNullable(form.get("client_id"))
                        .map(id -> new String[] {id, form.getOrDefault("client_secret", "")}));
        if (credentials.isEmpty() || !credentials.get()[0].equals(CLIENT_ID)) {
            send(exchange, 400, SpotifyJson.accountsError("invalid_client", "Invalid client"));
            return;
        }
        if (!credentials.get()[1].equals(CLIENT_SECRET)) {
            send(exchange, 400, SpotifyJson.accountsError("invalid_client", "Invalid client secret"));
            return;
        }
        String token = "BQ" + UUID.randomUUID().toString().replace("-", "");
        validTokens.add(token);
        send(exchange, 200, SpotifyJson.MAPPER.createObjectNode()
                .put("access_token", token)
                .put("token_type", "Bearer")
                .put("expires_in", TOKEN_LIFETIME_SECONDS));
    }

    private void search(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, SpotifyJson.apiError(401, "No token provided"));
            return;
        }
        if (!validTokens.contains(authorization.substring("Bearer ".length()).trim())) {
            send(exchange, 401, SpotifyJson.apiError(401, "The access token expired"));
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, SpotifyJson.apiError(405, "Method not allowed"));
            return;
        }
        Map<String, String> parameters = parseForm(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        String query = parameters.get("q");
        if (query == null || query.isBlank()) {
            send(exchange, 400, SpotifyJson.apiError(400, "No search query"));
            return;
        }
        searchQueries.add(query);
        String type = parameters.get("type");
        if (type == null) {
            send(exchange, 400, SpotifyJson.apiError(400, "Missing parameter type"));
            return;
        }
        if (!List.of(type.split(",")).contains("track")) {
            send(exchange, 400, SpotifyJson.apiError(400, "The stand-in only searches tracks, not " + type));
            return;
        }
        Optional<Integer> limit = intParameter(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Optional<Integer> offset = intParameter(parameters, "offset", 0, 0, MAX_OFFSET);
        if (limit.isEmpty() || offset.isEmpty()) {
            send(exchange, 400, SpotifyJson.apiError(400, "Invalid limit or offset"));
            return;
        }
        List<SpotifyJson.Hit> hits = matches(query);
        int from = Math.min(offset.get(), hits.size());
        int to = Math.min(from + limit.get(), hits.size());
        JsonNode body = SpotifyJson.searchResult(
                baseUrl, query, hits.subList(from, to), limit.get(), offset.get(), hits.size());
        send(exchange, 200, body);
    }

    private List<SpotifyJson.Hit> matches(String query) {
        String lowerQuery = query.toLowerCase(Locale.ROOT);
        List<SpotifyJson.Hit> hits = new ArrayList<>();
        for (String artist : artistOrder) {
            if (lowerQuery.contains(artist.toLowerCase(Locale.ROOT))) {
                catalog.getOrDefault(artist, List.of()).forEach(track -> hits.add(new SpotifyJson.Hit(artist, track)));
            }
        }
        return hits;
    }

    private void holdUntilReleased() {
        synchronized (hangMonitor) {
            long generation = hangGeneration;
            while (generation == hangGeneration) {
                try {
                    hangMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void releaseHeldRequests() {
        synchronized (hangMonitor) {
            hangGeneration++;
            hangMonitor.notifyAll();
        }
    }

    private static Optional<Integer> intParameter(Map<String, String> parameters, String name, int fallback, int min, int max) {
        String value = parameters.get(name);
        if (value == null) {
            return Optional.of(fallback);
        }
        try {
            int parsed = Integer.parseInt(value);
            return parsed < min || parsed > max ? Optional.empty() : Optional.of(parsed);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String[]> basicCredentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = SpotifyJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "private, max-age=0");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
