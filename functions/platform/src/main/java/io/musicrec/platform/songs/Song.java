package io.musicrec.platform.songs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An artist's most popular song on Spotify: its name, album image URL, track URL and the artist's name there. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Song(String name, String image, String url, String artistName) {
}
