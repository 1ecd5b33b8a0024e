package io.musicrec.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQS events as Lambda delivers them: JSON in the shape of {@code events/worker-sqs-batch.json},
 * read with the serializer the Java runtime itself uses ({@code aws-lambda-java-serialization}), so
 * the handler gets exactly the objects it would get on Lambda.
 */
final class SampleSqsEvents {

    static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:musicrec-recalculations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<SQSEvent> EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, SampleSqsEvents.class.getClassLoader());
    private static final PojoSerializer<SQSBatchResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(SQSBatchResponse.class, SampleSqsEvents.class.getClassLoader());

    private SampleSqsEvents() {
    }

    /**
     * One record of an event.
     *
     * @param messageId     SQS's id
     * @param receiptHandle what deletes the message
     * @param body          the body, as sent
     * @param attributes    system attributes ({@code ApproximateReceiveCount}, ...)
     * @param queueArn      the queue's ARN
     */
    record Message(String messageId, String receiptHandle, String body, Map<String, String> attributes, String queueArn) {

        /** A message received once from the production queue. */
        static Message of(String body) {
            String id = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            return new Message(id, "AQEB" + id.replace("-", ""), body, Map.of(
                    "ApproximateReceiveCount", "1",
                    "SentTimestamp", Long.toString(now),
                    "SenderId", "AROAIWPX5BD2BHG722MW4:musicrec-api",
                    "ApproximateFirstReceiveTimestamp", Long.toString(now + 20)), QUEUE_ARN);
        }
    }

    /** The event for one record per body, each received once. */
    static SQSEvent of(String... bodies) {
        return parse(json(java.util.Arrays.stream(bodies).map(Message::of).toList()));
    }

    /** The event JSON Lambda sends for these messages. */
    static String json(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", md5(message.body()));
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", message.queueArn());
            record.put("awsRegion", "us-east-1");
        }
        return event.toString();
    }

    /** Reads event JSON the way the Lambda Java runtime does. */
    static SQSEvent parse(String json) {
        return parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads an event file the way the Lambda Java runtime does. */
    static SQSEvent parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SQSEvent parse(InputStream in) {
        return EVENTS.fromJson(in);
    }

    /** The response as the runtime writes it back to Lambda. */
    static String json(SQSBatchResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The failed message ids of a response. */
    static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** The message ids of an event, in order. */
    static List<String> ids(SQSEvent event) {
        return event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList();
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
