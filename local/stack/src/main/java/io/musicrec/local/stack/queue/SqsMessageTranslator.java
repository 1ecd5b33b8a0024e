package io.musicrec.local.stack.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Received SQS messages to the Lambda {@link SQSEvent}, and the worker's {@link SQSBatchResponse} back
 * to the messages that failed, by Lambda's {@code ReportBatchItemFailures} rules: no response or an
 * empty list means all succeeded; an item with an empty id or one not in the batch makes the response
 * invalid and the whole batch failed; otherwise exactly the named messages failed.
 */
public final class SqsMessageTranslator {

    private SqsMessageTranslator() {
    }

    /**
     * The event Lambda would hand the worker for {@code messages}.
     *
     * @param messages the received messages, with their system attributes and message attributes
     * @param queueArn the queue's ARN ({@code eventSourceARN})
     * @param region   the region ({@code awsRegion})
     */
    public static SQSEvent toEvent(List<Message> messages, String queueArn, String region) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        attribute.setStringListValues(value.stringListValues());
        attribute.setBinaryListValues(value.binaryListValues().stream().map(bytes -> bytes.asByteBuffer()).toList());
        return attribute;
    }

    /**
     * The ids of the messages that failed.
     *
     * @param response what the worker returned (may be null)
     * @param batch    the ids of the messages in the batch
     */
    public static Set<String> failedIds(SQSBatchResponse response, Set<String> batch) {
        if (response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || id.isEmpty() || !batch.contains(id)) {
                return Set.copyOf(batch);
            }
            failed.add(id);
        }
        return Set.copyOf(failed);
    }
}
