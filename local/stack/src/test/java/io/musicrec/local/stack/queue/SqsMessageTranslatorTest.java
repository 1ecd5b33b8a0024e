package io.musicrec.local.stack.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsMessageTranslatorTest {

    private static final Set<String> BATCH = Set.of("a", "b", "c");

    private static SQSBatchResponse failures(String... ids) {
        List<SQSBatchResponse.BatchItemFailure> items = new ArrayList<>();
        Arrays.stream(ids).forEach(id -> items.add(new SQSBatchResponse.BatchItemFailure(id)));
        return new SQSBatchResponse(items);
    }

    @Test
    void receivedMessagesBecomeTheRecordsLambdaWouldSend() {
        Message message = Message.builder().messageId("m-1").receiptHandle("r-1").body("{\"user_id\":\"alice\",\"total_plays\":5}")
                .md5OfBody("md5").attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2",
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1764345600000"))
                .build();

        SQSEvent event = SqsMessageTranslator.toEvent(List.of(message), "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1");

        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertEquals("m-1", record.getMessageId());
        assertEquals("r-1", record.getReceiptHandle());
        assertEquals("{\"user_id\":\"alice\",\"total_plays\":5}", record.getBody());
        assertEquals("md5", record.getMd5OfBody());
        assertEquals("2", record.getAttributes().get("ApproximateReceiveCount"));
        assertEquals("1764345600000", record.getAttributes().get("SentTimestamp"));
        assertEquals("aws:sqs", record.getEventSource());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:q", record.getEventSourceArn());
        assertEquals("us-east-1", record.getAwsRegion());
    }

    @Test
    void onlyTheReportedMessagesFailed() {
        assertEquals(Set.of("b"), SqsMessageTranslator.failedIds(failures("b"), BATCH));
    }

    @Test
    void noResponseOrAnEmptyListMeansEveryMessageSucceeded() {
        assertEquals(Set.of(), SqsMessageTranslator.failedIds(null, BATCH));
        assertEquals(Set.of(), SqsMessageTranslator.failedIds(new SQSBatchResponse(), BATCH));
        assertEquals(Set.of(), SqsMessageTranslator.failedIds(failures(), BATCH));
    }

    @Test
    void anIdNotInTheBatchOrABlankIdFailsTheWholeBatch() {
        assertEquals(BATCH, SqsMessageTranslator.failedIds(failures("a", "zzz"), BATCH));
        assertEquals(BATCH, SqsMessageTranslator.failedIds(failures(""), BATCH));
        assertEquals(BATCH, SqsMessageTranslator.failedIds(failures((String) null), BATCH));
    }
}
