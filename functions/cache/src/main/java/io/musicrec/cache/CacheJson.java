package io.musicrec.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of everything musicrec keeps in Redis: snake_case names, instants as ISO-8601
 * strings ({@code "2026-11-28T15:48:12.345Z"}), nulls written out (a missing song shows as {@code
 * "song_name": null}). Unknown fields are ignored on reading, so a reader deployed before a writer
 * that adds a field keeps working.
 */
public final class CacheJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CacheJson() {
    }

    /**
     * Writes {@code value} as JSON.
     *
     * @throws IllegalArgumentException when the value cannot be written (a bug in the value type)
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
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
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            // The message names the type and position, never the content: it may hold user data.
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " JSON document: "
                    + e.getOriginalMessage(), e);
        }
    }
}
