package io.musicrec.platform.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsRecalculationQueueIT {

    /** A new, empty standard queue on the SQS under test: the embedded ElasticMQ (or {@code SQS_ENDPOINT}). */
    QueueSettings freshQueue(String name) {
        return TestServices.freshQueue(name);
    }

    @Test
    void messageArrivesAsSnakeCaseJson() {
        QueueSettings settings = freshQueue("recalculations");
        try (SqsClient sqs = AwsClients.sqs(settings)) {
            new SqsRecalculationQueue(sqs, settings.queueUrl().toString()).send(new RecalculationRequest("auth0|7", 15));
            assertEquals(List.of(new RecalculationRequest("auth0|7", 15).toJson()), QueueMessages.drain(sqs, settings.queueUrl().toString()));
        }
    }

    @Test
    void refusedConnectionFailsAtOnceAsQueueUnavailable() {
        QueueSettings settings = freshQueue("recalculations");
        QueueSettings closed = new QueueSettings(URI.create("http://127.0.0.1:1/000000000000/recalculations"),
                Optional.of(URI.create("http://127.0.0.1:1")), settings.aws());
        try (SqsClient sqs = AwsClients.sqs(closed)) {
            long start = System.nanoTime();
            QueueUnavailableException e = assertThrows(QueueUnavailableException.class,
                    () -> new SqsRecalculationQueue(sqs, closed.queueUrl().toString()).send(new RecalculationRequest("u", 5)));
            assertTrue(e.getMessage().contains("total 5") && e.getMessage().contains("127.0.0.1:1"), e.getMessage());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "failed in under 2 s");
        }
    }

    @Test
    void silentQueueTimesOutWithinTheCallTimeout() throws Exception {
        // A socket whose backlog completes the TCP handshake but that never answers.
        QueueSettings settings = freshQueue("recalculations");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            QueueSettings hanging = new QueueSettings(URI.create(endpoint + "/000000000000/recalculations"),
                    Optional.of(URI.create(endpoint)), settings.aws());
            try (SqsClient sqs = AwsClients.sqs(hanging)) {
                long start = System.nanoTime();
                assertThrows(QueueUnavailableException.class,
                        () -> new SqsRecalculationQueue(sqs, hanging.queueUrl().toString()).send(new RecalculationRequest("u", 5)));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < AwsClients.SQS_DEFAULT_LIMITS.call().toMillis() + 1_500, "gave up after " + millis + " ms");
            }
        }
    }

    @Test
    void fifoQueueDropsTheResendOfTheSameTotal() {
        QueueSettings standard = freshQueue("recalculations");
        try (SqsClient sqs = AwsClients.sqs(standard)) {
            String url = sqs.createQueue(b -> b.queueName("recalculations-" + System.nanoTime() + ".fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            SqsRecalculationQueue queue = new SqsRecalculationQueue(sqs, url);
            queue.send(new RecalculationRequest("auth0|7", 5));
            queue.send(new RecalculationRequest("auth0|7", 5));
            queue.send(new RecalculationRequest("auth0|7", 10));
            assertEquals(List.of(new RecalculationRequest("auth0|7", 5).toJson(), new RecalculationRequest("auth0|7", 10).toJson()),
                    QueueMessages.drain(sqs, url));
        }
    }
}
