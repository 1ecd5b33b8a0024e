package io.musicrec.platform.songs;

import java.util.Optional;

/** Finds an artist's most popular song (Spotify's Web API in production). */
public interface TrackLookup {

    /**
     * @return the song, or empty when Spotify has no track by that artist (a definite answer,
     *     worth caching)
     * @throws TrackLookupUnavailableException when there is no definite answer now (no credentials,
     *     429, 5xx, timeout); nothing should be cached
     */
    Optional<Song> mostPopularSong(String artistName);
}
