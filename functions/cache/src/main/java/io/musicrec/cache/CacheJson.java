package io.musicrec.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of everything musicrec keeps in Redis, written and read with jackson-core's
 * generator and parser (no mapper: its first use is costly in a fresh JVM): snake_case, ISO-8601
 * instants, nulls written out. Must not miss: unknown fields are skipped on reading, so a reader
 * deployed before a writer that adds a field keeps working. The recommendation document's codec is
 * {@link #write(RecommendationDocument)} and {@link #read(String)}; other entries build theirs on
 * {@link #streamed(Writing)} and {@link #streamed(String, Reading)}.
 */
public final class CacheJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** {@link RecommendationDocument#empty()} as {@link #write(RecommendationDocument)} writes it. */
    public static final String EMPTY_DOCUMENT = write(RecommendationDocument.empty());

    private CacheJson() {
    }

    /** Writes one JSON value to a generator. */
    @FunctionalInterface
    public interface Writing {
        /** Writes the value. */
        void write(JsonGenerator json) throws IOException;
    }

    /** Reads one JSON value from a parser placed on its first token. */
    @FunctionalInterface
    public interface Reading<T> {
        /** Reads the value. */
        T read(JsonParser json) throws IOException;
    }

    /** The text {@code writing} writes, with jackson-core's generator and no mapper. */
    public static String streamed(Writing writing) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return text.toString();
    }

    /**
     * Reads {@code json} with jackson-core's parser and no mapper: {@code reading} gets the parser on
     * the first token; anything after the value is refused.
     *
     * @throws IllegalArgumentException when the text is not JSON, or {@code reading} refuses it
     */
    public static <T> T streamed(String json, Reading<T> reading) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            T value = reading.read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            // The message names the position, never the content: it may hold user data.
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a string", e);
        }
    }

    /** The document's JSON: every field, in the order the API documents them. */
    public static String write(RecommendationDocument document) {
        return streamed(json -> {
            json.writeStartObject();
            json.writeStringField("status", document.status().label());
            json.writeStringField("model_id", document.modelId());
            writeInstant(json, "generated_at", document.generatedAt());
            json.writeNumberField("total_plays", document.totalPlays());
            json.writeArrayFieldStart("items");
            for (RecommendationDocument.Item item : document.items()) {
                json.writeStartObject();
                json.writeNumberField("artist_id", item.artistId());
                json.writeStringField("artist_name", item.artistName());
                json.writeStringField("song_name", item.songName());
                json.writeStringField("image", item.image());
                json.writeStringField("url", item.url());
                json.writeNumberField("score", item.score());
                json.writeArrayFieldStart("because");
                for (int because : item.because()) {
                    json.writeNumber(because);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Writes an instant field: ISO-8601 text, or null. */
    public static void writeInstant(JsonGenerator json, String name, Instant instant) throws IOException {
        if (instant == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, instant.toString());
        }
    }

    /**
     * Reads a document written by {@link #write(RecommendationDocument)}; fields it does not know are skipped.
     *
     * @throws IllegalArgumentException when the text is not a document (not one JSON object, no
     *                                  status, a field of the wrong type); the message never quotes the text
     */
    public static RecommendationDocument read(String text) {
        return streamed(text, json -> {
            require(json.currentToken() == JsonToken.START_OBJECT, "a document is a JSON object");
            RecommendationDocument.Status status = null;
            String modelId = null;
            Instant generatedAt = null;
            long totalPlays = 0;
            List<RecommendationDocument.Item> items = List.of();
            String field;
            while ((field = json.nextFieldName()) != null) {
                json.nextToken();
                switch (field) {
                    case "status" -> status = status(readText(json));
                    case "model_id" -> modelId = readText(json);
                    case "generated_at" -> generatedAt = readInstant(json, "generated_at");
                    case "total_plays" -> totalPlays = readLong(json, "total_plays");
                    case "items" -> items = readItems(json);
                    default -> json.skipChildren();
                }
            }
            require(status != null, "a document has a status");
            return new RecommendationDocument(status, modelId, generatedAt, totalPlays, items);
        });
    }

    private static List<RecommendationDocument.Item> readItems(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        require(json.currentToken() == JsonToken.START_ARRAY, "items is an array");
        List<RecommendationDocument.Item> items = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            items.add(readItem(json));
        }
        return items;
    }

    private static RecommendationDocument.Item readItem(JsonParser json) throws IOException {
        require(json.currentToken() == JsonToken.START_OBJECT, "an item is a JSON object");
        int artistId = 0;
        String artistName = null;
        String songName = null;
        String image = null;
        String url = null;
        double score = 0;
        List<Integer> because = List.of();
        String field;
        while ((field = json.nextFieldName()) != null) {
            json.nextToken();
            switch (field) {
                case "artist_id" -> artistId = Math.toIntExact(readLong(json, "artist_id"));
                case "artist_name" -> artistName = readText(json);
                case "song_name" -> songName = readText(json);
                case "image" -> image = readText(json);
                case "url" -> url = readText(json);
                case "score" -> score = readDouble(json);
                case "because" -> because = readBecause(json);
                default -> json.skipChildren();
            }
        }
        return new RecommendationDocument.Item(artistId, artistName, songName, image, url, score, because);
    }

    private static List<Integer> readBecause(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        require(json.currentToken() == JsonToken.START_ARRAY, "because is an array");
        List<Integer> because = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            because.add(Math.toIntExact(readLong(json, "because")));
        }
        return because;
    }

    private static RecommendationDocument.Status status(String label) {
        for (RecommendationDocument.Status status : RecommendationDocument.Status.values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status is not one of ready, suggestions, empty");
    }

    /** A string field's value, or null; anything else is refused. */
    public static String readText(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        require(token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL, "a text field holds a string or null");
        return token == JsonToken.VALUE_NULL ? null : json.getText();
    }

    /** An instant field as {@link #writeInstant} writes it: ISO-8601 text, or null. */
    public static Instant readInstant(JsonParser json, String name) throws IOException {
        String text = readText(json);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an ISO-8601 instant");
        }
    }

    private static long readLong(JsonParser json, String name) throws IOException {
        require(json.currentToken() == JsonToken.VALUE_NUMBER_INT
                && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER, name + " is a whole number");
        return json.getLongValue();
    }

    /** A number, or the text the generator writes for a double that is not one ({@code "NaN"}, {@code "Infinity"}). */
    private static double readDouble(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            String text = json.getText();
            require(text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"), "score is a number");
            return Double.parseDouble(text);
        }
        require(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, "score is a number");
        return json.getDoubleValue();
    }

    /** @throws IllegalArgumentException saying {@code what} should have held */
    public static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException(what);
        }
    }
}
