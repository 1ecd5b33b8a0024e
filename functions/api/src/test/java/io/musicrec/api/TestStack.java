package io.musicrec.api;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.http.testing.SampleEvents;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.S3Server;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real servers the API function's integration tests run against, started once per test JVM:
 * PostgreSQL (a fresh schema, migrated, with the catalog imported from {@code
 * model-artifacts/lastfm-2k}) and ElasticMQ. Nothing else: the function uses nothing else. {@code
 * DATABASE_URL} and {@code SQS_ENDPOINT} name external ones instead.
 *
 * <p>Handlers are wired the way Lambda wires them: {@link ApiConfiguration#from} over an
 * environment naming these servers, then {@link ApiComponents#connect}.
 */
final class TestStack {

    private static TestStack instance;

    final LocalServices services;
    final DatabaseSettings database;
    final AwsSettings aws;
    /** The model the catalog was imported from (ids, names, listeners). */
    final Model model;
    final SqsClient sqs;

    private TestStack(LocalServices services, DatabaseSettings database, AwsSettings aws, Model model) {
        this.services = services;
        this.database = database;
        this.aws = aws;
        this.model = model;
        URI sqsEndpoint = URI.create(services.sqsEndpoint().orElseThrow());
        this.sqs = AwsClients.sqs(new QueueSettings(URI.create(sqsEndpoint + "/000000000000/probe"), Optional.of(sqsEndpoint), aws));
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "api-test-stack-stop"));
        }
        return instance;
    }

    private static TestStack start() {
        LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.POSTGRES,
                LocalServices.Service.SQS), System::getenv);
        AwsSettings aws = services.sqs().isPresent()
                ? new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                : AwsSettings.from(Environment.system());
        DatabaseSettings database = freshSchema(services);
        Path modelDirectory = repositoryRoot().resolve("model-artifacts").resolve("lastfm-2k");
        try (Database db = new Database(database, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(2)), Clock.systemUTC())) {
            new CatalogImport(db, Clock.systemUTC()).importModel(modelDirectory);
        }
        return new TestStack(services, database, aws, ModelArtifact.read(modelDirectory));
    }

    private void stop() {
        sqs.close();
        services.close();
    }

    /** The checkout's root (where {@code events/} and {@code model-artifacts/} are). */
    static Path repositoryRoot() {
        return SampleEvents.directory().getParent();
    }

    private static DatabaseSettings freshSchema(LocalServices services) {
        var endpoint = services.database().orElseThrow();
        return TestSchemas.migrated(new DatabaseSettings(endpoint.jdbcUrl(), endpoint.user(), endpoint.password()), "api_it_");
    }

    /** A new, empty standard queue; its URL. */
    String newQueue() {
        String name = "recalculations-" + UUID.randomUUID().toString().substring(0, 8);
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** The environment a deployed API function would have, pointing at these servers and {@code queueUrl}. */
    Map<String, String> environment(String queueUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("QUEUE_URL", queueUrl);
        env.put("SQS_ENDPOINT", services.sqsEndpoint().orElseThrow());
        aws.keys().ifPresent(keys -> {
            env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        });
        env.put("AWS_REGION", aws.region());
        return env;
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
        try (Connection connection = TestSchemas.connect(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows written for {@code user}: users, plays and outbox rows together. */
    long rowsOf(String user) {
        return count("SELECT (SELECT count(*) FROM users WHERE id = ?) + (SELECT count(*) FROM user_artist_plays WHERE user_id = ?)"
                + " + (SELECT count(*) FROM recalculation_outbox WHERE user_id = ?)", user, user, user);
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
