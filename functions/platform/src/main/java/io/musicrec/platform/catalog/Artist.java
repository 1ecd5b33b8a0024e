package io.musicrec.platform.catalog;

/** A catalog artist: Last.fm id, name, and how many base users listened to it (for ordering searches). */
public record Artist(int id, String name, int listeners) {
}
