package io.musicrec.platform.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/**
 * {@link Redelivery} on SQS: {@code ChangeMessageVisibilityBatch}, ten messages per call (a Lambda
 * batch is at most ten). Changing the visibility does not change the receive count: a message
 * still moves to the dead-letter queue after the redrive policy's receives, only later.
 */
public final class SqsRedelivery implements Redelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SqsRedelivery.class);
    /** SQS's most entries per batch request. */
    private static final int MAX_ENTRIES = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    /**
     * @param sqs      a client built with {@link io.musicrec.platform.aws.AwsClients#sqs}
     * @param queueUrl the queue the messages were received from
     */
    public SqsRedelivery(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void postpone(Map<String, Duration> delays) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Duration> delay : delays.entrySet()) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + entries.size())
                    .receiptHandle(delay.getKey()).visibilityTimeout(Math.toIntExact(delay.getValue().toSeconds())).build());
        }
        for (int from = 0; from < entries.size(); from += MAX_ENTRIES) {
            List<ChangeMessageVisibilityBatchRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES));
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk));
                response.failed().forEach(failed -> LOG.atWarn().addKeyValue("code", failed.code()).addKeyValue("error", failed.message())
                        .log("could not postpone a message; it returns after the queue's visibility timeout"));
            } catch (SdkException e) {
                LOG.atWarn().addKeyValue("messages", chunk.size()).addKeyValue("queue_url", queueUrl).addKeyValue("error", e.getMessage())
                        .log("could not postpone messages; they return after the queue's visibility timeout");
            }
        }
    }
}
