package io.musicrec.cache;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The one place musicrec's Redis key layout lives, all under {@value #PREFIX}: a hash per user's
 * document (its JSON beside the numbers the compare-and-set script compares, so it never parses JSON)
 * and a string per artist's song, kept {@link #SONG_TTL}. Must not miss: the user id (the JWT {@code
 * sub}) is percent-encoded as UTF-8, keeping only {@code A-Z a-z 0-9 - . _ ~}, so distinct ids give
 * distinct keys and no id can fake a separator or a Redis Cluster hash tag.
 */
public final class RedisKeys {

    /** The namespace of every musicrec key. */
    public static final String PREFIX = "musicrec:";
    /** The hash field of a recommendation key that holds the document's JSON. */
    public static final String DOCUMENT_JSON_FIELD = "json";
    /** The hash field of a recommendation key that holds the document's {@code total_plays}. */
    public static final String DOCUMENT_TOTAL_PLAYS_FIELD = "total_plays";
    /** The hash field of a recommendation key that holds its model's creation time (epoch milliseconds). */
    public static final String DOCUMENT_MODEL_CREATED_FIELD = "model_created_at_ms";
    /** How long an artist's song (or the knowledge that it has none) is kept before Spotify is asked again. */
    public static final Duration SONG_TTL = Duration.ofDays(1);

    /**
     * Longer than any {@code sub} an identity provider may issue; a longer id is a bug or an
     * attack, and refusing it keeps keys small.
     */
    static final int MAX_USER_ID_LENGTH = 255;

    private static final String RECOMMENDATIONS = PREFIX + "recs:";
    private static final String SONG = PREFIX + "song:";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RedisKeys() {
    }

    /**
     * The hash holding a user's recommendation document.
     *
     * @param userId the JWT {@code sub}: not blank, at most 255 characters, well-formed Unicode
     * @throws IllegalArgumentException for a blank, overlong or malformed id
     */
    public static String recommendations(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        if (userId.length() > MAX_USER_ID_LENGTH) {
            throw new IllegalArgumentException("userId must be at most " + MAX_USER_ID_LENGTH
                    + " characters, was " + userId.length());
        }
        return RECOMMENDATIONS + escape(userId);
    }

    /**
     * The string holding an artist's cached song.
     *
     * @param artistId the catalog id, positive
     * @throws IllegalArgumentException for an id of zero or less
     */
    public static String song(int artistId) {
        if (artistId <= 0) {
            throw new IllegalArgumentException("artistId must be positive, was " + artistId);
        }
        return SONG + artistId;
    }

    private static String escape(String value) {
        byte[] bytes = utf8(value);
        StringBuilder escaped = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                escaped.append((char) c);
            } else {
                escaped.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return escaped.toString();
    }

    private static byte[] utf8(String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            // String.getBytes would turn a lone surrogate into '?', and two ids into one key.
            throw new IllegalArgumentException("userId is not well-formed Unicode (lone surrogate)", e);
        }
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
