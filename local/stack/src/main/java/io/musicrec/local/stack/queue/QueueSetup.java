package io.musicrec.local.stack.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Creates the recalculation queue and its dead-letter queue as the deployment has them: a standard
 * queue whose messages move to {@code NAME-dlq} after {@value #MAX_RECEIVE_COUNT} receives without a
 * delete, and a visibility timeout. Idempotent: on a later start the queues are found and their
 * attributes set to the configured ones. Works on ElasticMQ and on SQS alike (through the SDK).
 */
public final class QueueSetup {

    /** Receives before a message moves to the dead-letter queue, as in the deployment. */
    public static final int MAX_RECEIVE_COUNT = 3;
    /** The dead-letter queue's name is the queue's with this suffix. */
    public static final String DEAD_LETTER_SUFFIX = "-dlq";
    /** Fourteen days, SQS's longest retention: a dead letter is kept for a look. */
    private static final String DEAD_LETTER_RETENTION_SECONDS = "1209600";

    /**
     * The two queues.
     *
     * @param name               the work queue's name
     * @param queueUrl           its URL ({@code QUEUE_URL})
     * @param queueArn           its ARN (the worker events' {@code eventSourceARN})
     * @param deadLetterQueueUrl the dead-letter queue's URL
     * @param visibilityTimeout  how long a received message stays invisible
     */
    public record Queues(String name, String queueUrl, String queueArn, String deadLetterQueueUrl, Duration visibilityTimeout) {

        /** All parts are required. */
        public Queues {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(queueUrl, "queueUrl");
            Objects.requireNonNull(queueArn, "queueArn");
            Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
            Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        }
    }

    private QueueSetup() {
    }

    /**
     * Creates (or finds and updates) {@code name} and {@code name-dlq}.
     *
     * @param sqs               a client for the SQS endpoint in use
     * @param name              the work queue's name
     * @param visibilityTimeout whole seconds, 0..12 h
     */
    public static Queues ensure(SqsClient sqs, String name, Duration visibilityTimeout) {
        String deadLetterUrl = createOrUpdate(sqs, name + DEAD_LETTER_SUFFIX,
                Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, DEAD_LETTER_RETENTION_SECONDS));
        String deadLetterArn = arn(sqs, deadLetterUrl);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}";
        String queueUrl = createOrUpdate(sqs, name, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
        return new Queues(name, queueUrl, arn(sqs, queueUrl), deadLetterUrl, visibilityTimeout);
    }

    private static String createOrUpdate(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        } catch (SqsException exists) {
            // The queue exists with other attributes (a setting changed since the last start).
            String url;
            try {
                url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            } catch (SqsException e) {
                exists.addSuppressed(e);
                throw exists;
            }
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            return url;
        }
    }

    private static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
