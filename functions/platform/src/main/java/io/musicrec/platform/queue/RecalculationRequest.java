package io.musicrec.platform.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The SQS message body {@code {"user_id": "...", "total_plays": 40}}: recompute this user at this total.
 *
 * @param userId     the user (JWT subject), 1-255 characters
 * @param totalPlays the user's total when the message was queued, ≥ 1
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecalculationRequest(String userId, long totalPlays) {

    private static final JsonFactory WRITER = JsonFactory.builder().build();

    /** Checks what the database checks, so a malformed message is refused where it is read. */
    public RecalculationRequest {
        Objects.requireNonNull(userId, "user_id");
        if (userId.isBlank() || userId.length() > 255) {
            throw new IllegalArgumentException("user_id must be 1-255 characters and not blank");
        }
        if (totalPlays < 1) {
            throw new IllegalArgumentException("total_plays must be >= 1, got " + totalPlays);
        }
    }

    /**
     * The message body, written with jackson-core's generator: the play path's cold start loads no
     * {@code ObjectMapper} for two fields (reading, on the worker, keeps the mapper's checks).
     */
    public String toJson() {
        StringWriter text = new StringWriter(64);
        try (JsonGenerator json = WRITER.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("user_id", userId);
            json.writeNumberField("total_plays", totalPlays);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /**
     * Reads a message body; fields other than {@code user_id} and {@code total_plays} are ignored
     * (a newer sender may add some).
     *
     * @throws IllegalArgumentException naming what is wrong, for the worker to report the record as failed
     */
    public static RecalculationRequest fromJson(String body) {
        Objects.requireNonNull(body, "body");
        try {
            RecalculationRequest request = Reading.JSON.readValue(body, RecalculationRequest.class);
            if (request == null) {
                throw new IllegalArgumentException("message body is null, expected {\"user_id\": ..., \"total_plays\": ...}");
            }
            return request;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
                    ? e.getCause() : e;
            String reason = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("not a recalculation request: " + reason, e);
        }
    }

    /** The mapper that reads bodies, built on the first read (the worker's), not by {@link #toJson}. */
    private static final class Reading {
        static final ObjectMapper JSON = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
