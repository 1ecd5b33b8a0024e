package io.musicrec.local.stack.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import io.musicrec.local.stack.lambda.FunctionPool;
import io.musicrec.local.stack.lambda.FunctionThrottledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server in front of the functions: for each request, local-only routes first ({@link
 * LocalRoutes}), then the route table (no match: 404 {@code {"message":"Not Found"}}), then the
 * authorizer (refused: 401 {@code {"message":"Unauthorized"}} with a {@code www-authenticate}
 * header saying why), then the event to the route's function and its response back. A function that
 * throws is API Gateway's 500 {@code {"message":"Internal Server Error"}}; one whose instances are
 * all busy past its timeout, 503 {@code {"message":"Service Unavailable"}}. Bodies over API
 * Gateway's 10 MB limit get 413.
 *
 * <p>Between the local routes and the route table, {@link WebApp} serves the web app's files.
 *
 * <p>The JDK's server with a fixed pool of threads; {@code TCP_NODELAY} is on (property {@code
 * sun.net.httpserver.nodelay}, set before the first server of the JVM starts), or every small
 * response would wait out the client's delayed ACK.
 */
public final class HttpGateway implements AutoCloseable {

    /** API Gateway's payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final JwtAuthorizer authorizer;
    private final LocalRoutes localRoutes;
    private final WebApp webApp;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    private HttpGateway(HttpServer server, ExecutorService executor, Routes routes, JwtAuthorizer authorizer,
                        LocalRoutes localRoutes, WebApp webApp, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.authorizer = authorizer;
        this.localRoutes = localRoutes;
        this.webApp = webApp;
        this.clock = clock;
    }

    /**
     * Binds and starts serving.
     *
     * @param address     where to listen (port 0 for a free one)
     * @param threads     request threads, ≥ 1
     * @param routes      the HTTP API's routes
     * @param authorizer  the JWT authorizer
     * @param localRoutes {@code /local/...}
     * @param webApp      the web app's files at {@code /}
     * @param clock       request times and token expiry
     * @throws UncheckedIOException when the address cannot be bound (the port is taken, say)
     */
    public static HttpGateway start(InetSocketAddress address, int threads, Routes routes, JwtAuthorizer authorizer,
                                    LocalRoutes localRoutes, WebApp webApp, Clock clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + " (is another stack or program using it? set PORT to choose another)", e);
        }
        AtomicInteger numbers = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "gateway-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        HttpGateway gateway = new HttpGateway(server, executor, Objects.requireNonNull(routes, "routes"),
                Objects.requireNonNull(authorizer, "authorizer"), Objects.requireNonNull(localRoutes, "localRoutes"),
                Objects.requireNonNull(webApp, "webApp"), Objects.requireNonNull(clock, "clock"));
        server.setExecutor(executor);
        server.createContext("/", gateway::handle);
        server.start();
        return gateway;
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        String requestId = HttpApiEvents.newRequestId();
        GatewayReply reply;
        try {
            reply = stopping ? GatewayReply.message(503, "Service Unavailable") : reply(exchange, requestId);
        } catch (RuntimeException | Error e) {
            LOG.error("[{}] {} {}: {}", requestId, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString(), e);
            reply = GatewayReply.message(500, "Internal Server Error");
        }
        try {
            write(exchange, reply.header("apigw-requestid") == null ? reply.withHeader("apigw-requestid", requestId) : reply);
        } catch (IOException e) {
            LOG.debug("[{}] the client went away before the response was written: {}", requestId, e.toString());
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] {} {} {} {} ms", requestId, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    reply.status(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private GatewayReply reply(HttpExchange exchange, String requestId) {
        Instant now = clock.instant();
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            return GatewayReply.message(413, "Request Entity Too Large");
        }
        GatewayRequest request = new GatewayRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body.get(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
        if (request.rawPath().startsWith(LocalRoutes.PREFIX)) {
            return localRoutes.handle(request);
        }
        Optional<GatewayReply> file = webApp.reply(request);
        if (file.isPresent()) {
            return file.get();
        }
        String routeKey = request.method() + " " + request.rawPath();
        Optional<FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> function = routes.function(routeKey);
        if (function.isEmpty()) {
            return GatewayReply.message(404, "Not Found");
        }
        JwtAuthorizer.Decision decision = authorizer.authorize(request.header("authorization"));
        if (decision instanceof JwtAuthorizer.Denied denied) {
            LOG.debug("[{}] {} refused: {}", requestId, routeKey, denied.reason());
            return GatewayReply.message(401, "Unauthorized").withHeader("www-authenticate", JwtAuthorizer.challenge(denied));
        }
        APIGatewayV2HTTPEvent event = HttpApiEvents.toEvent(request, routeKey, (JwtAuthorizer.Allowed) decision, requestId, now, port());
        try {
            return HttpApiEvents.toReply(function.get().invoke(event, requestId), requestId);
        } catch (FunctionThrottledException e) {
            LOG.warn("[{}] {}: {}", requestId, routeKey, e.getMessage());
            return GatewayReply.message(503, "Service Unavailable");
        } catch (RuntimeException | Error e) {
            LOG.error("[{}] {}: the function failed: {}", requestId, routeKey, e.toString(), e);
            return GatewayReply.message(500, "Internal Server Error");
        }
    }

    /** The body, or empty when it is over {@link #MAX_BODY_BYTES}. */
    private static Optional<byte[]> readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private static void write(HttpExchange exchange, GatewayReply reply) throws IOException {
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            exchange.getResponseHeaders().put(header.getKey(), header.getValue());
        }
        byte[] body = reply.body();
        boolean noBody = body.length == 0 || reply.status() == 204 || reply.status() == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Refuses new requests (503), lets those in flight finish (up to five seconds), then closes the
     * socket and the threads.
     */
    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
