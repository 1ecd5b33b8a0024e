package io.musicrec.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON form of everything musicrec keeps in Redis: snake_case, ISO-8601 instants, nulls written
 * out; unknown fields are ignored on reading, so a reader deployed before a writer that adds a field
 * keeps working. Documents are written with jackson-core's generator ({@link
 * #write(RecommendationDocument)}, the mapper's text byte for byte) because the mapper's first use is
 * costly in a fresh JVM; it is built only when something goes through it.
 */
public final class CacheJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CacheJson() {
    }

    /** The mapper, built on first use. */
    private static final class Mapping {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
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

    /** Writes {@code document} as the mapper would, without it. */
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

    /** Writes an instant field as the mapper does here: ISO-8601 text, or null. */
    public static void writeInstant(JsonGenerator json, String name, Instant instant) throws IOException {
        if (instant == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, instant.toString());
        }
    }

    /**
     * Writes {@code value} as JSON.
     *
     * @throws IllegalArgumentException when the value cannot be written (a bug in the value type)
     */
    public static String write(Object value) {
        try {
            return Mapping.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * Reads JSON written by {@link #write}.
     *
     * @throws IllegalArgumentException when {@code json} is not JSON of that type
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return Mapping.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            // The message names the type and position, never the content: it may hold user data.
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " JSON document: "
                    + e.getOriginalMessage(), e);
        }
    }
}
