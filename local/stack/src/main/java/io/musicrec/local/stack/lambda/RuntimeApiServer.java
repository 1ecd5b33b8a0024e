package io.musicrec.local.stack.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.musicrec.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Runtime API on 127.0.0.1 for a function in a JVM of its own: {@code GET /invocation/next}
 * answers a {@link #submit submitted} event, and the response, error and init-error posts complete it.
 * Must not miss: {@code /next} blocks until there is an event, as on Lambda, where the sandbox is
 * frozen in that call, so the caller stops the function's JVM once it has the outcome.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** The API's path prefix. */
    public static final String PREFIX = "/2018-06-01/runtime";
    /** The header naming a failure's type. */
    public static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private static final Pattern ANSWER = Pattern.compile(Pattern.quote(PREFIX) + "/invocation/([^/]+)/(response|error)");

    /** How an invocation ended, and when ({@link System#nanoTime()}). */
    public sealed interface Outcome {

        /** When the answer arrived. */
        long nanos();

        /** The response's bytes. */
        byte[] body();
    }

    /** The function's answer. */
    public record Response(byte[] body, long nanos) implements Outcome {
    }

    /**
     * A failure the runtime client reported: the handler's ({@code init} false) or the function's
     * initialisation's; {@code body} is {@code {"errorMessage","errorType","stackTrace"}}.
     */
    public record Failure(boolean init, String errorType, byte[] body, long nanos) implements Outcome {
    }

    /**
     * One submitted event.
     *
     * @param requestId its request id
     * @param handedOut completes with the {@link System#nanoTime()} at which {@code /next} handed it out
     * @param outcome   completes with the answer or the failure
     */
    public record Invocation(String requestId, CompletableFuture<Long> handedOut, CompletableFuture<Outcome> outcome) {
    }

    private record Pending(Invocation invocation, byte[] event, Duration timeout) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> handedOut = new ConcurrentHashMap<>();

    private RuntimeApiServer(HttpServer server, ExecutorService executor, String functionArn, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.functionArn = functionArn;
        this.clock = clock;
    }

    /**
     * Serves on a free port of 127.0.0.1.
     *
     * @param functionArn what {@code Lambda-Runtime-Invoked-Function-Arn} says
     * @param clock       the deadlines' clock
     */
    public static RuntimeApiServer start(String functionArn, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            // Virtual threads: a /next waits for its event without holding a thread of a pool the answers need.
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            RuntimeApiServer api = new RuntimeApiServer(server, executor, Objects.requireNonNull(functionArn, "functionArn"),
                    Objects.requireNonNull(clock, "clock"));
            server.setExecutor(executor);
            server.createContext("/", api::serve);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Runtime API on 127.0.0.1", e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues an event for the next {@code /next}.
     *
     * @param event   the event's JSON
     * @param timeout the function's timeout: the deadline is this after the event is handed out
     */
    public Invocation submit(byte[] event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), new CompletableFuture<>(), new CompletableFuture<>());
        queue.add(new Pending(invocation, event.clone(), timeout));
        return invocation;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Matcher answer = ANSWER.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && answer.matches()) {
                answer(exchange, answer.group(1), answer.group(2).equals("error"));
            } else if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Failure failure = new Failure(true, errorType(exchange), body, System.nanoTime());
                handedOut.values().forEach(invocation -> invocation.outcome().complete(failure));
                queue.forEach(pending -> pending.invocation().outcome().complete(failure));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, error("NotFound", "no " + method + " " + path + " in the Runtime API"));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Invocation invocation = pending.invocation();
        handedOut.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(clock.millis() + pending.timeout().toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        invocation.handedOut().complete(System.nanoTime());
        exchange.sendResponseHeaders(200, pending.event().length == 0 ? -1 : pending.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.event());
        }
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Invocation invocation = handedOut.get(requestId);
        if (invocation == null || invocation.outcome().isDone()) {
            send(exchange, 400, error("InvalidRequestID", "no invocation " + requestId + " awaits an answer"));
            return;
        }
        long now = System.nanoTime();
        invocation.outcome().complete(error ? new Failure(false, errorType(exchange), body, now) : new Response(body, now));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst(ERROR_TYPE);
        return type == null || type.isBlank() ? "Unknown" : type;
    }

    /** An X-Ray trace header as Lambda's: {@code Root=1-EPOCHHEX-24HEX;Parent=16HEX;Sampled=0}. */
    private String traceId() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-" + Long.toHexString(clock.millis() / 1000) + "-" + hex.toHexDigits(random.nextLong())
                + hex.toHexDigits(random.nextInt()) + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    private static String error(String type, String message) {
        return Json.write(Json.object().put("errorType", type).put("errorMessage", message));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving; a {@code /next} still waiting is cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
