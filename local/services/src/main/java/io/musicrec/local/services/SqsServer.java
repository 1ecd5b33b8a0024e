package io.musicrec.local.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.List$;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;
import scala.util.Either;

/**
 * An SQS-compatible server: ElasticMQ's REST server inside this JVM ({@link #endpoint()}, any region
 * and static credentials); {@link #createQueueWithDeadLetterQueue} makes the pair production uses.
 * With a data directory, queues and messages persist in an H2 file there. Must not miss: ElasticMQ
 * opens that database once per JVM and never closes it, so every persistent server in one JVM must
 * use the same directory (another is refused).
 */
public final class SqsServer implements AutoCloseable {

    /** The account id ElasticMQ puts in queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";
    /** The suffix of the dead-letter queue that {@link #createQueueWithDeadLetterQueue} creates. */
    public static final String DEAD_LETTER_SUFFIX = "-dlq";

    /**
     * ElasticMQ's settings, with Pekko HTTP's modeled header parsing off: every SDK request carries
     * a dozen headers (a SigV4 {@code Authorization}, a long {@code User-Agent}, {@code amz-sdk-*}),
     * which Pekko otherwise parses into typed models with its parboiled2 grammars (the
     * {@code Authorization} failing every time) although ElasticMQ reads none of them. That parsing
     * was the largest part of ElasticMQ's CPU under the bench's play load (JFR). {@code Host},
     * {@code Connection}, {@code Content-Type} and the other headers HTTP itself needs are still
     * parsed; the rest arrive as raw headers.
     */
    private static final Config CONFIG = ConfigFactory.parseString("pekko.http.server.parsing.modeled-header-parsing = off")
            .withFallback(ConfigFactory.load());
    private static final FiniteDuration ACTOR_TIMEOUT = FiniteDuration.apply(10, TimeUnit.SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<Path> PERSISTENT_DIRECTORY = new AtomicReference<>();

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SqsServer(ActorSystem actorSystem, SQSRestServer server, int port) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.port = port;
    }

    /**
     * A queue and its dead-letter queue.
     *
     * @param queueUrl           the URL of the work queue
     * @param deadLetterQueueUrl the URL of the queue its failed messages move to
     */
    public record QueuePair(String queueUrl, String deadLetterQueueUrl) {

        /** Both URLs are required. */
        public QueuePair {
            Objects.requireNonNull(queueUrl, "queueUrl");
            Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
        }
    }

    /**
     * Starts a server; returns once it accepts connections.
     *
     * @param options port (0 for a free one, bound by ElasticMQ itself) and optional data directory
     */
    public static SqsServer start(ServerOptions options) {
        // One actor system per server, so that close() stops exactly what start() started.
        ActorSystem actorSystem = ActorSystem.create("elasticmq", CONFIG);
        try {
            Option<ActorRef> persistence = options.dataDirectory()
                    .map(directory -> Option.apply(startPersistence(actorSystem, directory)))
                    .orElse(Option.empty());
            ActorRef queueManager = actorSystem.actorOf(Props.create(
                    QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$, persistence));
            if (persistence.isDefined()) {
                restore(persistence.get(), queueManager);
            }
            var builder = SQSRestServerBuilder.withActorSystem(actorSystem)
                    .withQueueManagerActor(queueManager)
                    .withInterface("127.0.0.1")
                    .withPort(options.port());
            if (persistence.isDefined()) {
                builder = builder.withQueueEventListener(persistence.get());
            }
            SQSRestServer server = builder.start();
            int port = server.waitUntilStarted().localAddress().getPort();
            return new SqsServer(actorSystem, server, port);
        } catch (RuntimeException e) {
            actorSystem.terminate();
            throw e;
        }
    }

    private static ActorRef startPersistence(ActorSystem actorSystem, Path directory) {
        // ElasticMQ opens its database once per JVM (a flag plus scalikejdbc's global pool) and keeps
        // it open; a second directory would silently share the first one's database.
        Path first = PERSISTENT_DIRECTORY.compareAndExchange(null, directory);
        if (first != null && !first.equals(directory)) {
            throw new IllegalStateException("ElasticMQ already persists to " + first
                    + " in this JVM; it cannot also persist to " + directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the SQS data directory " + directory, e);
        }
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(
                true, "org.h2.Driver", "jdbc:h2:" + directory.resolve("elasticmq"), "sa", "", false);
        return actorSystem.actorOf(Props.create(SqlQueuePersistenceActor.class, config, List$.MODULE$.empty()));
    }

    private static void restore(ActorRef persistence, ActorRef queueManager) {
        try {
            Object result = Await.result(
                    Patterns.ask(persistence, new QueueEvent.Restore(queueManager), ACTOR_TIMEOUT.toMillis()),
                    ACTOR_TIMEOUT);
            if (result instanceof Either<?, ?> either && either.isLeft()) {
                throw new IllegalStateException("ElasticMQ could not restore its queues: " + either.swap().toOption().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring ElasticMQ queues", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("ElasticMQ did not restore its queues in " + ACTOR_TIMEOUT, e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the SDK's endpoint override and {@code SQS_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The URL ElasticMQ gives the queue {@code name} (whether or not it exists). */
    public String queueUrl(String name) {
        return endpoint() + "/" + ACCOUNT_ID + "/" + name;
    }

    /**
     * Creates a standard queue, or returns the existing one's URL when its attributes match.
     *
     * @param name       the queue name
     * @param attributes SQS attributes such as {@code VisibilityTimeout} or {@code RedrivePolicy}
     * @return the queue URL
     */
    public String createQueue(String name, Map<String, String> attributes) {
        ObjectNode body = JSON.createObjectNode().put("QueueName", name);
        ObjectNode attributeNode = body.putObject("Attributes");
        attributes.forEach(attributeNode::put);
        return call("CreateQueue", body).path("QueueUrl").asText();
    }

    /**
     * Creates {@code NAME-dlq}, then {@code NAME} with a redrive policy that moves a message there on
     * its {@code maxReceiveCount + 1}-th receive, i.e. after {@code maxReceiveCount} receives that were
     * not followed by a delete.
     *
     * @param name              the work queue name
     * @param visibilityTimeout how long a received message stays invisible (whole seconds, 0..12 h)
     * @param maxReceiveCount   receives before a message moves to the dead-letter queue (1..1000)
     */
    public QueuePair createQueueWithDeadLetterQueue(String name, Duration visibilityTimeout, int maxReceiveCount) {
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount must be 1..1000, was " + maxReceiveCount);
        }
        String deadLetterUrl = createQueue(name + DEAD_LETTER_SUFFIX, Map.of());
        String deadLetterArn = call("GetQueueAttributes", JSON.createObjectNode()
                        .put("QueueUrl", deadLetterUrl)
                        .set("AttributeNames", JSON.createArrayNode().add("QueueArn")))
                .path("Attributes").path("QueueArn").asText();
        String redrivePolicy = JSON.createObjectNode()
                .put("deadLetterTargetArn", deadLetterArn)
                .put("maxReceiveCount", Integer.toString(maxReceiveCount))
                .toString();
        String queueUrl = createQueue(name, Map.of(
                "VisibilityTimeout", Long.toString(visibilityTimeout.toSeconds()),
                "RedrivePolicy", redrivePolicy));
        return new QueuePair(queueUrl, deadLetterUrl);
    }

    /** Calls the SQS JSON protocol (what AWS SDK v2 speaks) on this server. */
    private JsonNode call(String action, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SQS " + action + " " + body + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("SQS " + action + " failed on " + endpoint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during SQS " + action, e);
        }
    }

    /** Stops the HTTP server and the actor system. */
    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            try {
                Await.result(actorSystem.terminate(), ACTOR_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("ElasticMQ's actor system did not stop in " + ACTOR_TIMEOUT, e);
            }
        }
    }
}
