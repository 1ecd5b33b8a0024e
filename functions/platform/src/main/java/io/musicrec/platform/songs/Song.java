package io.musicrec.platform.songs;

import java.util.Objects;

/**
 * An artist's most popular song on Spotify: its name, album image URL, track URL and the artist's name there.
 *
 * @param name       the track's title
 * @param image      the album's largest image URL, or null when the album has none
 * @param url        the track's page on Spotify ({@code external_urls.spotify}), or null
 * @param artistName the artist's name as Spotify spells it (may differ from the catalog's in case)
 */
public record Song(String name, String image, String url, String artistName) {

    /** A song has a name. */
    public Song {
        Objects.requireNonNull(name, "name");
    }
}
