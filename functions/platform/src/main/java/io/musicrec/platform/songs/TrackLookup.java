package io.musicrec.platform.songs;

import java.util.Optional;

/**
 * Finds an artist's most popular song (Spotify's Web API in production: {@link SpotifyTrackLookup}).
 * Callers usually go through {@link SongEnricher}, which adds the cache and the back-off.
 */
public interface TrackLookup {

    /**
     * @return the song, or empty when Spotify has no track by that artist (a definite answer,
     *     worth caching)
     * @throws TrackLookupUnavailableException when there is no definite answer now (no credentials,
     *     429, 5xx, timeout); nothing should be cached, and when the service named a {@code
     *     Retry-After} the exception carries it ({@link TrackLookupUnavailableException#retryAfter()})
     */
    Optional<Song> mostPopularSong(String artistName);
}
