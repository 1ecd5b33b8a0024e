package io.musicrec.cache;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /recommendations} serves for a user, stored in Redis as the JSON {@link CacheJson} writes.
 * Must not miss: {@code total_plays}, the play count it was computed for, decides which of two
 * documents is newer. {@code modelId} and {@code generatedAt} are null for {@link #empty()}.
 */
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
        public String label() {
            return label;
        }
    }

    /**
     * One recommended artist with its most popular song; the song fields ({@code songName}, {@code image},
     * {@code url}) are null when Spotify had no answer, filled by a later recalculation. {@code because}:
     * the user's artists that led to this one.
     */
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
