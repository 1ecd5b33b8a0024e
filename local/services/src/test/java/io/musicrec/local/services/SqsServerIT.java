package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsServerIT {

    @Test
    void messageSentIsReceivedAndDeleted() {
        try (SqsServer sqs = SqsServer.start(ServerOptions.ephemeral());
                SqsClient client = client(sqs.endpoint())) {
            SqsServer.QueuePair queues = sqs.createQueueWithDeadLetterQueue("recalculations", Duration.ofSeconds(30), 3);

            client.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("{\"user_id\":1,\"total_plays\":5}"));
            List<Message> received = receive(client, queues.queueUrl());
            assertEquals(1, received.size());
            assertEquals("{\"user_id\":1,\"total_plays\":5}", received.get(0).body());
            client.deleteMessage(b -> b.queueUrl(queues.queueUrl()).receiptHandle(received.get(0).receiptHandle()));

            assertEquals("0", attribute(client, queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            assertEquals("0", attribute(client, queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    @Test
    void queueIsCreatedWithItsVisibilityTimeoutAndRedrivePolicy() {
        try (SqsServer sqs = SqsServer.start(ServerOptions.ephemeral());
                SqsClient client = client(sqs.endpoint())) {
            SqsServer.QueuePair queues = sqs.createQueueWithDeadLetterQueue("recalculations", Duration.ofSeconds(45), 3);

            assertEquals(sqs.queueUrl("recalculations"), queues.queueUrl());
            assertEquals(sqs.queueUrl("recalculations-dlq"), queues.deadLetterQueueUrl());
            assertEquals("45", attribute(client, queues.queueUrl(), QueueAttributeName.VISIBILITY_TIMEOUT));
            String redrive = attribute(client, queues.queueUrl(), QueueAttributeName.REDRIVE_POLICY);
            assertTrue(redrive.contains("recalculations-dlq") && redrive.contains("3"), redrive);
        }
    }

    @Test
    void messageMovesToDeadLetterQueueAfterThreeReceives() {
        try (SqsServer sqs = SqsServer.start(ServerOptions.ephemeral());
                SqsClient client = client(sqs.endpoint())) {
            // A zero visibility timeout makes a received-but-not-deleted message visible again at once.
            SqsServer.QueuePair queues = sqs.createQueueWithDeadLetterQueue("recalculations", Duration.ZERO, 3);
            client.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("poison"));

            for (int receive = 1; receive <= 3; receive++) {
                assertEquals(1, receive(client, queues.queueUrl()).size(), "receive " + receive);
            }
            assertEquals(List.of(), receive(client, queues.queueUrl()), "the fourth receive moves it instead");

            List<Message> dead = receive(client, queues.deadLetterQueueUrl());
            assertEquals(1, dead.size());
            assertEquals("poison", dead.get(0).body());
        }
    }

    @Test
    void queuesAndMessagesSurviveRestartWithTheSameDataDirectory(@TempDir Path directory) {
        ServerOptions options = ServerOptions.ephemeral().withDataDirectory(directory.resolve("sqs"));
        String queueUrl;
        try (SqsServer sqs = SqsServer.start(options);
                SqsClient client = client(sqs.endpoint())) {
            queueUrl = sqs.createQueueWithDeadLetterQueue("recalculations", Duration.ofSeconds(30), 3).queueUrl();
            client.sendMessage(b -> b.queueUrl(queueUrl).messageBody("kept"));
        }

        try (SqsServer sqs = SqsServer.start(options);
                SqsClient client = client(sqs.endpoint())) {
            String url = client.getQueueUrl(b -> b.queueName("recalculations")).queueUrl();
            List<Message> received = receive(client, url);
            assertEquals(1, received.size());
            assertEquals("kept", received.get(0).body());
        }
    }

    private static List<Message> receive(SqsClient client, String queueUrl) {
        return client.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
    }

    private static String attribute(SqsClient client, String queueUrl, QueueAttributeName name) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name)).attributes().get(name);
    }

    static SqsClient client(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
