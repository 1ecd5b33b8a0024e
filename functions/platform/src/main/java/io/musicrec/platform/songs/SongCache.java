package io.musicrec.platform.songs;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Definite answers about artists' songs, kept for a while so that Spotify is asked about an artist
 * at most about once a day (Redis in production: {@link RedisSongCache}). Only definite answers are
 * kept, found or not found; "Spotify did not answer" never is. A Redis that fails throws {@code
 * io.musicrec.cache.CacheException}.
 */
public interface SongCache {

    /**
     * The cached answers for these artists, in one round trip.
     *
     * @return for each cached artist its song, or {@code Optional.empty()} when Spotify is known to
     *     have none; artists not cached (or whose entry expired) are absent from the map
     */
    Map<Integer, Optional<Song>> getAll(Collection<Integer> artistIds);

    /**
     * Caches a definite answer, replacing any earlier one.
     *
     * @param artistId the catalog id
     * @param song     the artist's song, or empty when Spotify has none
     */
    void put(int artistId, Optional<Song> song);
}
