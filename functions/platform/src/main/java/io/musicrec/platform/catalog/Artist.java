package io.musicrec.platform.catalog;

import java.util.Objects;

/**
 * A catalog artist: Last.fm id, name, and how many base users listened to it (for ordering searches).
 *
 * @param id        the Last.fm artist id, ≥ 1
 * @param name      the name exactly as Last.fm spells it, not empty
 * @param listeners base users who played the artist, ≥ 0
 */
public record Artist(int id, String name, int listeners) {

    /** Checks what the {@code artists} table checks. */
    public Artist {
        if (id < 1) {
            throw new IllegalArgumentException("artist id must be >= 1, got " + id);
        }
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("artist " + id + " has an empty name");
        }
        if (listeners < 0) {
            throw new IllegalArgumentException("artist " + id + " has negative listeners " + listeners);
        }
    }
}
