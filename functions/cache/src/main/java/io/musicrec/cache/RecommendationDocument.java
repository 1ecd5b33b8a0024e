package io.musicrec.cache;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /recommendations} serves for a user, stored in Redis as JSON exactly in this
 * shape: {@code status}, {@code model_id}, {@code generated_at}, {@code total_plays}, {@code items}.
 * {@code total_plays} is the play count the document was computed for; it decides which of two
 * documents is newer.
 *
 * @param status      where the user's recommendations stand
 * @param modelId     the model that computed them; null for {@link #empty()}
 * @param generatedAt when they were computed; null for {@link #empty()}
 * @param totalPlays  the user's play count they were computed for
 * @param items       the recommended artists, best first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendationDocument(Status status, String modelId, Instant generatedAt, long totalPlays, List<Item> items) {

    /** Status is required; null items mean none. */
    public RecommendationDocument {
        Objects.requireNonNull(status, "status");
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** Where a user's recommendations stand. */
    public enum Status {
        /** Computed from the user's plays. */
        READY("ready"),
        /** The random artists given at registration, before the first recalculation. */
        SUGGESTIONS("suggestions"),
        /** Nothing yet. */
        EMPTY("empty");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The status as it appears in JSON. */
        @JsonValue
        public String label() {
            return label;
        }
    }

    /**
     * One recommended artist with its most popular song; the song fields are null when Spotify had
     * no answer (they are filled on a later recalculation).
     *
     * @param artistId   the catalog id
     * @param artistName the catalog name
     * @param songName   the artist's most popular song on Spotify, or null
     * @param image      the song's album image URL, or null
     * @param url        the song's Spotify URL, or null
     * @param score      the recommender's score
     * @param because    the user's artists that led to this one
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(int artistId, String artistName, String songName, String image, String url, double score,
                       List<Integer> because) {
        /** Null {@code because} means none. */
        public Item {
            because = because == null ? List.of() : List.copyOf(because);
        }
    }

    /** The document for a user nobody has computed anything for. */
    public static RecommendationDocument empty() {
        return new RecommendationDocument(Status.EMPTY, null, null, 0, List.of());
    }
}
