package io.musicrec.platform.models;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The pointer object's JSON, {@code {"model_id": "...", "published_at": "2026-...Z"}}, read and
 * written with jackson-core's streaming parser and generator: the ML function reads it at its cold
 * start, and a mapper would cost it some three hundred classes.
 */
public final class ModelPointer {

    /** Model ids as the engine allows them; they become key and directory names, so nothing else is accepted. */
    static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ModelPointer() {
    }

    /** Why a pointer was refused: completes "the model pointer s3://... " in the store's message. */
    static final class InvalidPointer extends Exception {
        InvalidPointer(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * The model id a pointer names. Other fields, and anything nested in them, are ignored; a field
     * given twice counts by its last value.
     *
     * @throws InvalidPointer when the text is not one JSON object with a valid {@code model_id} and
     *                        an ISO-8601 {@code published_at}
     */
    static String parse(byte[] body) throws InvalidPointer {
        String modelId = null;
        String publishedAt = null;
        boolean idSeen = false;
        boolean publishedSeen = false;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidPointer("is not JSON");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidPointer("has no valid model_id");
            }
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                parser.skipChildren();
                if (field.equals("model_id")) {
                    modelId = text;
                    idSeen = true;
                } else if (field.equals("published_at")) {
                    publishedAt = text;
                    publishedSeen = true;
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidPointer("is not JSON");
            }
        } catch (IOException e) {
            throw new InvalidPointer("is not JSON");
        }
        if (!idSeen || modelId == null || !MODEL_ID.matcher(modelId).matches()) {
            throw new InvalidPointer("has no valid model_id");
        }
        if (!publishedSeen || publishedAt == null) {
            throw new InvalidPointer("has no published_at");
        }
        try {
            Instant.parse(publishedAt);
        } catch (DateTimeParseException e) {
            throw new InvalidPointer("has a published_at that is not an ISO-8601 instant");
        }
        return modelId;
    }

    /** The pointer's text for {@code modelId}, published at {@code publishedAt}. */
    public static String write(String modelId, Instant publishedAt) {
        StringWriter text = new StringWriter(96);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("model_id", modelId);
            json.writeStringField("published_at", publishedAt.toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }
}
