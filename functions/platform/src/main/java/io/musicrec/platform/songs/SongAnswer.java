package io.musicrec.platform.songs;

import java.util.Objects;
import java.util.Optional;

/**
 * What is known about an artist's most popular song: {@link Found}, {@link NotFound} (Spotify has
 * no track by that artist) or {@link Unknown} (Spotify gave no definite answer this time; the item
 * goes out without song fields and a later recalculation fills them).
 */
public sealed interface SongAnswer {

    /** The song, when found. */
    Optional<Song> song();

    /** True for {@link Found} and {@link NotFound}: answers worth caching. */
    boolean definite();

    /**
     * The answer a lookup gave.
     *
     * @param song the song, or empty when the artist has none
     */
    static SongAnswer of(Optional<Song> song) {
        return song.<SongAnswer>map(Found::new).orElse(NotFound.INSTANCE);
    }

    /** The answer for an artist whose song is not known yet. */
    static SongAnswer unknown() {
        return Unknown.INSTANCE;
    }

    /**
     * The artist's most popular song.
     *
     * @param value the song
     */
    record Found(Song value) implements SongAnswer {
        /** A found song is not null. */
        public Found {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<Song> song() {
            return Optional.of(value);
        }

        @Override
        public boolean definite() {
            return true;
        }
    }

    /** Spotify has no track credited to the artist. */
    record NotFound() implements SongAnswer {
        static final NotFound INSTANCE = new NotFound();

        @Override
        public Optional<Song> song() {
            return Optional.empty();
        }

        @Override
        public boolean definite() {
            return true;
        }
    }

    /** No definite answer this time. */
    record Unknown() implements SongAnswer {
        static final Unknown INSTANCE = new Unknown();

        @Override
        public Optional<Song> song() {
            return Optional.empty();
        }

        @Override
        public boolean definite() {
            return false;
        }
    }
}
