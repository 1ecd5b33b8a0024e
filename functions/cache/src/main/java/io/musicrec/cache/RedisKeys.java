package io.musicrec.cache;

import io.musicrec.ids.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

    private static final String RECOMMENDATIONS = PREFIX + "recs:";
    private static final String SONG = PREFIX + "song:";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RedisKeys() {
    }

    /**
     * The hash holding a user's recommendation document.
     *
     * @param userId the JWT {@code sub}
     * @throws IllegalArgumentException for what is not a {@link UserId}
     */
    public static String recommendations(String userId) {
        return RECOMMENDATIONS + escape(UserId.check(userId));
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

    /** {@code value} must be well-formed UTF-16 ({@link UserId} checks it): getBytes would turn a lone surrogate into '?'. */
    private static String escape(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
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


    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
