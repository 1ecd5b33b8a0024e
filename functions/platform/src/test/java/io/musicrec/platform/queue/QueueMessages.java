package io.musicrec.platform.queue;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Drains a real queue for a test's assertions. */
final class QueueMessages {
    private QueueMessages() {
    }

    /** Receives and deletes until the queue answers empty three times in a row; returns the bodies. */
    static List<String> drain(SqsClient sqs, String queueUrl) {
        List<String> bodies = new ArrayList<>();
        int empty = 0;
        while (empty < 3) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            for (Message message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return bodies;
    }
}
