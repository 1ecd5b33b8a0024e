package io.musicrec.local.stack.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.musicrec.local.stack.lambda.FunctionPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The worker's event source mapping: one thread long-polls up to {@code batchSize} messages, hands
 * them to the worker as one {@link SQSEvent}, and deletes those that did not fail ({@link
 * SqsMessageTranslator#failedIds}). Failed messages come back after their visibility timeout and reach the
 * dead-letter queue after {@value QueueSetup#MAX_RECEIVE_COUNT} receives; a worker that throws fails
 * its whole batch, as a Lambda function error does. An unreachable SQS is reported once and retried.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    /**
     * How the mapping polls.
     *
     * @param batchSize messages per event, 1..10 (SQS's receive limit)
     * @param pollWait  the long poll's wait, 0..20 s
     */
    public record Settings(int batchSize, Duration pollWait) {

        /** Checks SQS's limits. */
        public Settings {
            Objects.requireNonNull(pollWait, "pollWait");
            if (batchSize < 1 || batchSize > 10) {
                throw new IllegalArgumentException("batchSize must be 1..10, got " + batchSize);
            }
            if (pollWait.isNegative() || pollWait.toSeconds() > 20) {
                throw new IllegalArgumentException("pollWait must be 0..20 s, got " + pollWait);
            }
        }
    }

    private final SqsClient sqs;
    private final QueueSetup.Queues queues;
    private final String region;
    private final FunctionPool<SQSEvent, SQSBatchResponse> worker;
    private final Settings settings;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * A mapping that does nothing until {@link #start()}.
     *
     * @param sqs      a client whose timeouts exceed the long poll's wait
     * @param queues   the queue to poll
     * @param region   the events' {@code awsRegion}
     * @param worker   the function to invoke
     * @param settings batch size and wait
     */
    public SqsEventSource(SqsClient sqs, QueueSetup.Queues queues, String region, FunctionPool<SQSEvent, SQSBatchResponse> worker,
                          Settings settings) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.region = Objects.requireNonNull(region, "region");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = new Thread(this::run, "sqs-poller");
        this.thread.setDaemon(true);
    }

    /** Starts polling. */
    public void start() {
        thread.start();
    }

    private void run() {
        Duration pause = Duration.ZERO;
        while (!stopped) {
            try {
                pollOnce();
                if (!pause.isZero()) {
                    LOG.atInfo().addKeyValue("queue_url", queues.queueUrl()).log("SQS answers again; polling");
                    pause = Duration.ZERO;
                }
            } catch (SdkException e) {
                if (stopped) {
                    return;
                }
                if (pause.isZero()) {
                    LOG.atWarn().addKeyValue("queue_url", queues.queueUrl()).addKeyValue("error", e.getMessage())
                            .log("cannot receive; retrying quietly until it answers");
                }
                pause = pause.isZero() ? Duration.ofMillis(500) : min(pause.multipliedBy(2), MAX_PAUSE);
                sleep(pause);
            } catch (RuntimeException e) {
                LOG.atError().setCause(e).log("the SQS poller failed; going on");
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * One receive and, if anything came, one invocation and its deletes.
     *
     * @return how many messages were received
     */
    int pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queues.queueUrl())
                        .maxNumberOfMessages(settings.batchSize())
                        .waitTimeSeconds((int) settings.pollWait().toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = SqsMessageTranslator.toEvent(messages, queues.queueArn(), region);
        Set<String> ids = new LinkedHashSet<>();
        messages.forEach(message -> ids.add(message.messageId()));
        Set<String> failed;
        try {
            failed = SqsMessageTranslator.failedIds(worker.invoke(event, UUID.randomUUID().toString()), ids);
        } catch (RuntimeException | Error e) {
            LOG.atError().addKeyValue("messages", messages.size()).setCause(e).log("the worker failed the whole batch");
            failed = ids;
        }
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (!failed.contains(message.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id("m" + i).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!deletes.isEmpty()) {
            DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(b -> b.queueUrl(queues.queueUrl()).entries(deletes));
            deleted.failed().forEach(entry -> LOG.atWarn().addKeyValue("code", entry.code()).addKeyValue("error", entry.message())
                    .log("could not delete a processed message; it will be processed again"));
        }
        if (!failed.isEmpty()) {
            logFailures(messages, failed);
        }
        return messages.size();
    }

    private void logFailures(List<Message> messages, Set<String> failed) {
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                continue;
            }
            int receives = receiveCount(message);
            String next = receives >= QueueSetup.MAX_RECEIVE_COUNT
                    ? "its next receive moves it to " + queues.name() + QueueSetup.DEAD_LETTER_SUFFIX
                    : "it returns in " + queues.visibilityTimeout().toSeconds() + " s, or after the worker's back-off if it put it off";
            LOG.atWarn().addKeyValue("message_id", message.messageId()).addKeyValue("receive", receives)
                    .addKeyValue("max_receives", QueueSetup.MAX_RECEIVE_COUNT).addKeyValue("next", next).log("message failed");
        }
    }

    private static int receiveCount(Message message) {
        try {
            return Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Stops after the current poll and batch (waiting up to the poll's wait plus a minute). */
    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(settings.pollWait().plusMinutes(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
