package io.musicrec.api;

import io.musicrec.engine.model.Model;
import io.musicrec.local.services.LocalServices;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.testing.TestEnvironment;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real servers the API function's integration tests run against ({@link TestServices}):
 * PostgreSQL (a fresh schema, migrated, with the catalog imported from {@code
 * model-artifacts/lastfm-2k}) and ElasticMQ. Nothing else: the function uses nothing else. {@code
 * DATABASE_URL} and {@code SQS_ENDPOINT} name external ones instead.
 *
 * <p>Handlers are wired the way Lambda wires them: {@link ApiConfiguration#from} over an
 * environment naming these servers, then {@link ApiComponents#connect}.
 */
final class TestStack {

    private static TestStack instance;

    final DatabaseSettings database;
    final AwsSettings aws;
    /** The model the catalog was imported from (ids, names, listeners). */
    final Model model;
    final SqsClient sqs;

    private TestStack() {
        TestServices.start(LocalServices.Service.POSTGRES, LocalServices.Service.SQS);
        this.database = TestServices.freshCatalog();
        this.aws = TestServices.aws();
        this.model = TestModels.shipped();
        this.sqs = TestServices.closeAtExit(AwsClients.sqs(TestServices.queue(TestServices.sqsEndpoint() + "/000000000000/probe")));
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = new TestStack();
        }
        return instance;
    }

    /** A new, empty standard queue; its URL. */
    String newQueue() {
        return TestServices.freshQueue("recalculations").queueUrl().toString();
    }

    /** The environment a deployed API function would have, pointing at these servers and {@code queueUrl}. */
    Map<String, String> environment(String queueUrl) {
        return TestEnvironment.of().database(database).queue(TestServices.queue(queueUrl)).region(aws).toMap();
    }

    /** Components wired from {@code environment}, as the public constructor wires them. */
    static ApiComponents components(Map<String, String> environment) {
        return ApiComponents.connect(ApiConfiguration.from(Environment.of(environment::get)), Clock.systemUTC());
    }

    /** A fresh user id (JWT subject) no other test uses. */
    static String newUser(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    /** One number from the database, e.g. {@code SELECT count(*) FROM users WHERE id = ?}. */
    long count(String sql, Object... parameters) {
        return TestSchemas.count(database, sql, parameters);
    }

    /** Rows written for {@code user}: users, plays and outbox rows together. */
    long rowsOf(String user) {
        return TestSchemas.rowsOf(database, user);
    }

    /**
     * Receives and deletes messages: polls until the first arrives or {@code wait} passes, then until
     * the queue answers empty twice; returns the bodies. (The test SQS client gives up after seconds,
     * so this polls rather than long-polls.)
     */
    List<String> drain(String queueUrl, Duration wait) {
        return drain(sqs, queueUrl, wait);
    }

    private static List<String> drain(SqsClient sqs, String queueUrl, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> bodies = new ArrayList<>();
        int emptyAnswers = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                if (bodies.isEmpty() ? System.nanoTime() > deadline : ++emptyAnswers >= 2) {
                    return bodies;
                }
                sleep(100);
                continue;
            }
            emptyAnswers = 0;
            for (Message message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** {@link #drain} on another SQS endpoint (a server a test started and stops itself). */
    List<String> drainFrom(String endpoint, String queueUrl, Duration wait) {
        URI uri = URI.create(endpoint);
        try (SqsClient other = AwsClients.sqs(new QueueSettings(URI.create(queueUrl), Optional.of(uri), aws))) {
            return drain(other, queueUrl, wait);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
