package io.musicrec.worker.recalculation;

import java.util.Objects;

/**
 * What one recalculation did: the outcome, the total and model it computed from (0 and null when
 * skipped), the items written, and the recommended artists left out because the catalog lacks them.
 */
public record RecalculationResult(Outcome outcome, long snapshotTotal, String modelId, int items, int droppedNotInCatalog,
                                  SongCounts songs) {

    /** The outcome is required; counts are not negative. */
    public RecalculationResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(songs, "songs");
        if (snapshotTotal < 0 || items < 0 || droppedNotInCatalog < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** What happened to the user's document. */
    public enum Outcome {
        /** The document was stored. */
        WRITTEN("written"),
        /** A document computed from more plays was already stored and stays; this one was dropped. */
        NEWER_KEPT("newer_kept"),
        /** The user has no plays (unknown to the database): nothing to compute, nothing written. */
        UNKNOWN_USER("skipped_unknown_user");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The outcome as it appears in the log. */
        public String label() {
            return label;
        }
    }

    /**
     * Songs of the items: found, known to be missing on Spotify, or not known this time.
     *
     * @param found    items with song fields
     * @param notFound items whose artist Spotify has no track by
     * @param unknown  items Spotify gave no answer for this time (filled by a later recalculation)
     */
    public record SongCounts(int found, int notFound, int unknown) {
        /** No songs at all. */
        public static final SongCounts NONE = new SongCounts(0, 0, 0);
    }

    static RecalculationResult written(long total, String modelId, int items, int dropped, SongCounts songs) {
        return new RecalculationResult(Outcome.WRITTEN, total, modelId, items, dropped, songs);
    }

    static RecalculationResult newerKept(long total, String modelId, int items, int dropped, SongCounts songs) {
        return new RecalculationResult(Outcome.NEWER_KEPT, total, modelId, items, dropped, songs);
    }

    static RecalculationResult unknownUser() {
        return new RecalculationResult(Outcome.UNKNOWN_USER, 0, null, 0, 0, SongCounts.NONE);
    }
}
