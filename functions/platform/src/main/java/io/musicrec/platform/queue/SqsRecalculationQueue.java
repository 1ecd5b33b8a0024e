package io.musicrec.platform.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@link RecalculationQueue} on SQS (client from {@link io.musicrec.platform.aws.AwsClients#sqs}, so
 * an unreachable queue fails within seconds). On a FIFO queue each message carries a deduplication id
 * from (user, total) and the user as its group, so SQS drops the relay's one kind of duplicate and
 * keeps one user's messages in order; on a standard queue the worker's newer-document rule absorbs both.
 */
public final class SqsRecalculationQueue implements RecalculationQueue {

    private final SqsClient sqs;
    private final String queueUrl;
    private final boolean fifo;

    /**
     * @param sqs      the client
     * @param queueUrl the queue's URL
     */
    public SqsRecalculationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.fifo = queueUrl.endsWith(".fifo");
    }

    @Override
    public void send(RecalculationRequest request) {
        Objects.requireNonNull(request, "request");
        SendMessageRequest.Builder message = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(request.toJson());
        if (fifo) {
            message.messageGroupId(sha256(request.userId()))
                    .messageDeduplicationId(sha256(request.userId() + "\n" + request.totalPlays()));
        }
        try {
            sqs.sendMessage(message.build());
        } catch (SdkException e) {
            throw new QueueUnavailableException("could not send the recalculation at total " + request.totalPlays()
                    + " to " + queueUrl + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256: fits SQS's 128-character id limits whatever the user id's length and characters. */
    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
