package io.musicrec.local.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for AWS Secrets Manager's {@code GetSecretValue}, speaking its AWS JSON 1.1 wire format
 * so the SDK's {@code SecretsManagerClient} talks to it unchanged (a SigV4 header must be present; its
 * signature is not checked). {@link #putSecret} stores or rotates a secret; {@link
 * #failWith500(boolean)} makes it fail; unknown secrets and operations get the service's 400s.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    /** The account of every ARN handed out. */
    public static final String ACCOUNT = "123456789012";
    /** The target of the one operation served. */
    public static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** One version of a secret. */
    private record Version(String arn, String name, String secretString, String versionId, double createdSeconds) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Version> byArnOrName = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    private SecretsManagerStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the stand-in.
     *
     * @param port the port on 127.0.0.1, 0 for a free one
     */
    public static SecretsManagerStandIn start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "secrets-manager-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            SecretsManagerStandIn standIn = new SecretsManagerStandIn(server, executor);
            server.createContext("/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Secrets Manager stand-in on port " + port, e);
        }
    }

    /** The endpoint to give the SDK ({@code SECRETS_MANAGER_ENDPOINT}): {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Stores {@code secretString} as the current version of the secret {@code name}, creating it if
     * new; a secret rotated this way keeps its ARN.
     *
     * @return the secret's ARN ({@code arn:aws:secretsmanager:us-east-1:123456789012:secret:NAME-xxxxxx})
     */
    public synchronized String putSecret(String name, String secretString) {
        Version old = byArnOrName.get(name);
        String arn = old != null ? old.arn()
                : "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        Version version = new Version(arn, name, secretString, UUID.randomUUID().toString(), System.currentTimeMillis() / 1000.0);
        byArnOrName.put(name, version);
        byArnOrName.put(arn, version);
        return arn;
    }

    /** GetSecretValue requests received, answered or not. */
    public int getSecretValueRequests() {
        return requests.get();
    }

    /** While true, every request gets 500 {@code InternalServiceError}. */
    public void failWith500(boolean fail) {
        failing.set(fail);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
                error(exchange, 400, "SerializationException", "expected POST with Content-Type " + CONTENT_TYPE);
                return;
            }
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
                error(exchange, 400, "MissingAuthenticationTokenException", "Missing Authentication Token");
                return;
            }
            if (!GET_SECRET_VALUE.equals(target)) {
                error(exchange, 400, "UnknownOperationException", "unknown operation " + target);
                return;
            }
            requests.incrementAndGet();
            if (failing.get()) {
                error(exchange, 500, "InternalServiceError", "the stand-in was told to fail");
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            String id = request == null ? "" : request.path("SecretId").asText("");
            Version version = byArnOrName.get(id);
            if (version == null) {
                error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.put("ARN", version.arn());
            answer.put("CreatedDate", version.createdSeconds());
            answer.put("Name", version.name());
            answer.put("SecretString", version.secretString());
            answer.put("VersionId", version.versionId());
            answer.putArray("VersionStages").add("AWSCURRENT");
            send(exchange, 200, answer);
        } catch (RuntimeException e) {
            error(exchange, 500, "InternalServiceError", "stand-in error: " + e);
        } finally {
            exchange.close();
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("Message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
