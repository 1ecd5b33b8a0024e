package io.musicrec.platform.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.musicrec.ids.UserId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The SQS message body {@code {"user_id": "...", "total_plays": 40}}: recompute this user at this total.
 * Written and read here with jackson-core's generator and parser, strictly: what the API sends is
 * what the worker accepts, and nothing looser ({@code "40"}, {@code 40.0}, {@code 4e1} are refused).
 *
 * @param userId     the user (JWT subject), a {@link UserId}
 * @param totalPlays the user's total when the message was queued, ≥ 1
 */
public record RecalculationRequest(String userId, long totalPlays) {

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String EXPECTED = "expected {\"user_id\": \"...\", \"total_plays\": 40}";

    /** Checks what the database checks, so a malformed message is refused where it is read. */
    public RecalculationRequest {
        Objects.requireNonNull(userId, "user_id");
        UserId.check(userId);
        if (totalPlays < 1) {
            throw new IllegalArgumentException("total_plays must be >= 1, got " + totalPlays);
        }
    }

    /** The message body. */
    public String toJson() {
        StringWriter text = new StringWriter(64);
        try (JsonGenerator json = JSON.createGenerator(text)) {
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
     * Reads a message body: one JSON object whose {@code user_id} is a string and whose {@code
     * total_plays} is an integer (a JSON number without fraction or exponent). Other fields are
     * ignored (a newer sender may add some); a field given twice is refused.
     *
     * @throws IllegalArgumentException naming what is wrong, for the worker to report the record as failed
     */
    public static RecalculationRequest fromJson(String body) {
        Objects.requireNonNull(body, "body");
        String userId = null;
        Long totalPlays = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw refused("the body is not a JSON object, " + EXPECTED);
            }
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (field.equals("user_id")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw refused("user_id must be a string, got " + describe(parser, value));
                    }
                    userId = parser.getText();
                } else if (field.equals("total_plays")) {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw refused("total_plays must be an integer, got " + describe(parser, value));
                    }
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw refused("total_plays is out of range: " + parser.getText());
                    }
                    totalPlays = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw refused("content follows the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a recalculation request: not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string does not fail", e);
        }
        if (userId == null) {
            throw refused("user_id is missing, " + EXPECTED);
        }
        if (totalPlays == null) {
            throw refused("total_plays is missing, " + EXPECTED);
        }
        try {
            return new RecalculationRequest(userId, totalPlays);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    private static IllegalArgumentException refused(String reason) {
        return new IllegalArgumentException("not a recalculation request: " + reason);
    }

    private static String describe(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> "the string \"" + shorten(parser.getText()) + "\"";
            case VALUE_NUMBER_FLOAT -> "the number " + shorten(parser.getText());
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> shorten(parser.getText());
        };
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
