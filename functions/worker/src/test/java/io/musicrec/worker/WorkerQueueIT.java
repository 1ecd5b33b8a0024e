package io.musicrec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.local.services.testing.TestLambdaContext;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.queue.OutboxRelay;
import io.musicrec.platform.queue.SqsRecalculationQueue;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The worker behind a real queue (ElasticMQ), fed by the API's own sender: plays recorded as the
 * API records them put a message in the outbox, the {@link OutboxRelay} sends it as it does in
 * production ({@code RecalculationRequest.toJson()}), and a loop stands in for Lambda's event
 * source mapping: receive up to ten, build the SQS event from what was received, invoke the
 * handler, delete what it did not report as failed. Proves the wire format between the two
 * functions, that a poison message ends in the dead-letter queue without blocking the queue, and
 * that a message failed only because no model could be loaded is kept away by the back-off
 * ({@code ChangeMessageVisibility}) instead of spending its receives within seconds.
 */
class WorkerQueueIT {

    /** A failed message comes back after a second, and moves to the dead-letter queue on its third receive. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 1;
    private static final int MAX_RECEIVE_COUNT = 2;

    @Test
    void messagesThatFindNoModelAreNotDeadLetteredAndAreProcessedOnceTheModelIsFixed() throws Exception {
        DatabaseSettings database = TestServices.freshCatalog();
        ModelStoreSettings models = TestStack.modelBucketPointingAtAMissingModel();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
        QueueSettings probe = TestStack.queue(TestServices.sqsEndpoint() + "/queue/probe");
        String user = "auth0|" + UUID.randomUUID();
        // Three receives before the dead-letter queue, as deployed; a failed message would be back every second.
        int maxReceiveCount = 3;
        Duration backoff = Duration.ofSeconds(6);

        try (SqsClient sqs = AwsClients.sqs(probe);
             Database db = new Database(database, Database.Options.defaults(), Clock.systemUTC());
             RedisConnection redis = RedisConnection.open(TestServices.redisUrl())) {
            String[] queue = createQueueWithDeadLetterQueue(sqs, maxReceiveCount);
            String queueUrl = queue[0];
            String deadLetterUrl = queue[2];
            PostgresPlayStore plays = new PostgresPlayStore(db, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                plays.recordPlay(user, TestStack.artistId("Radiohead"));
            }
            assertEquals(1, new OutboxRelay(db, new SqsRecalculationQueue(sqs, queueUrl), Clock.systemUTC()).relay().sent());

            try (WorkerComponents components = WorkerComponents.connect(
                    TestStack.settings(database, models, 20, TestStack.queue(queueUrl), List.of(backoff)), clock)) {
                WorkerHandler handler = new WorkerHandler(components);
                List<String> processed = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                // Long enough for four receives a second apart, the fourth moving it to the dead-letter queue.
                long quickReceivesEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < quickReceivesEnd) {
                    deliverOnce(sqs, queueUrl, queue[1], handler, processed, failed);
                }

                assertEquals(1, failed.size(), "received once and failed (no model), then kept away by the back-off: " + failed);
                assertEquals(List.of(), processed);
                assertEquals(0, approximateMessages(sqs, deadLetterUrl), "nothing dead-lettered");

                TestServices.publish(models, TestModels.shippedDirectory());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (processed.isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "the message did not come back: failed " + failed);
                    deliverOnce(sqs, queueUrl, queue[1], handler, processed, failed);
                }

                assertEquals(List.of("{\"user_id\":\"" + user + "\",\"total_plays\":5}"), processed, "processed on its second receive");
                assertEquals(1, failed.size());
                assertTrue(queueIsEmpty(sqs, queueUrl));
                assertEquals(0, approximateMessages(sqs, deadLetterUrl));
                RecommendationDocument document = new RedisRecommendationCache(redis).get(user).orElseThrow();
                assertEquals(TestStack.MODEL_ID, document.modelId());
                assertEquals(5, document.totalPlays());
            }
        }
    }

    @Test
    void messagesFromTheOutboxRelayAreConsumedAndAPoisonMessageEndsInTheDeadLetterQueue() throws Exception {
        DatabaseSettings database = TestServices.freshCatalog();
        ModelStoreSettings models = TestServices.freshModelBucket();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
        QueueSettings probe = TestStack.queue(TestServices.sqsEndpoint() + "/queue/probe");
        String user = "auth0|" + UUID.randomUUID();
        String poison = "{\"user_id\": 42}";

        try (SqsClient sqs = AwsClients.sqs(probe);
             Database db = new Database(database, Database.Options.defaults(), Clock.systemUTC());
             RedisConnection redis = RedisConnection.open(TestServices.redisUrl());
             WorkerComponents components = WorkerComponents.connect(TestStack.settings(database, models, 20), clock)) {
            String[] queue = createQueueWithDeadLetterQueue(sqs, MAX_RECEIVE_COUNT);
            String queueUrl = queue[0];
            String queueArn = queue[1];
            String deadLetterUrl = queue[2];

            // Five plays: the fifth writes the outbox row, the relay sends it.
            PostgresPlayStore plays = new PostgresPlayStore(db, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                plays.recordPlay(user, TestStack.artistId(i < 3 ? "Radiohead" : "Portishead"));
            }
            OutboxRelay.Result relayed = new OutboxRelay(db, new SqsRecalculationQueue(sqs, queueUrl), Clock.systemUTC()).relay();
            assertEquals(1, relayed.sent());
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(poison));

            WorkerHandler handler = new WorkerHandler(components);
            List<String> processed = new ArrayList<>();
            List<String> reportedFailed = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(queueIsEmpty(sqs, queueUrl) && approximateMessages(sqs, deadLetterUrl) == 1)) {
                assertTrue(System.nanoTime() < deadline, "the queue did not drain: processed " + processed + ", failed " + reportedFailed);
                deliverOnce(sqs, queueUrl, queueArn, handler, processed, reportedFailed);
            }

            assertEquals(List.of("{\"user_id\":\"" + user + "\",\"total_plays\":5}"), processed,
                    "the relay's message, exactly as the API sends it, consumed once");
            assertEquals(List.of(poison, poison), reportedFailed, "the poison message, reported failed on each of its receives");
            List<Message> deadLetters = sqs.receiveMessage(b -> b.queueUrl(deadLetterUrl).maxNumberOfMessages(10)).messages();
            assertEquals(List.of(poison), deadLetters.stream().map(Message::body).toList());

            RecommendationDocument document = new RedisRecommendationCache(redis).get(user).orElseThrow();
            assertEquals(RecommendationDocument.Status.READY, document.status());
            assertEquals(5, document.totalPlays());
            assertEquals(TestStack.MODEL_ID, document.modelId());
            assertEquals(20, document.items().size());
        }
    }

    /**
     * A new queue whose failed messages come back after a second and move to its dead-letter queue
     * on the receive after the {@code maxReceiveCount}th; its URL, ARN and the dead-letter queue's URL.
     */
    private static String[] createQueueWithDeadLetterQueue(SqsClient sqs, int maxReceiveCount) {
        String name = "recalculations-" + UUID.randomUUID().toString().substring(0, 8);
        String deadLetterUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
                        + maxReceiveCount + "\"}"))).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new String[] {queueUrl, queueArn, deadLetterUrl};
    }

    /**
     * One round of the event source mapping's stand-in: receive up to ten (waiting up to a second),
     * invoke the handler with the event built from them, delete what it did not report as failed.
     * The bodies go to {@code processed} or {@code failed}; returns how many were received.
     */
    private static int deliverOnce(SqsClient sqs, String queueUrl, String queueArn, WorkerHandler handler, List<String> processed,
                                   List<String> failed) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
        if (received.isEmpty()) {
            return 0;
        }
        String event = SampleSqsEvents.json(received.stream().map(message -> new SampleSqsEvents.Message(message.messageId(),
                message.receiptHandle(), message.body(), message.attributesAsStrings(), queueArn)).toList());
        SQSBatchResponse response = handler.handleRequest(SampleSqsEvents.parse(event),
                TestLambdaContext.of("musicrec-worker", 1024, Duration.ofMinutes(5)));
        Set<String> failedIds = new HashSet<>(SampleSqsEvents.failedIds(response));
        for (Message message : received) {
            if (failedIds.contains(message.messageId())) {
                failed.add(message.body());
            } else {
                processed.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received.size();
    }

    private static boolean queueIsEmpty(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)) == 0
                && Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) == 0;
    }

    private static int approximateMessages(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
