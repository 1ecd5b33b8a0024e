package io.musicrec.engine.recommend;

/** How many times a user played an artist: the recommenders' input, one per artist. */
public record UserPlay(int artistId, long plays) {
    public UserPlay {
        if (artistId < 1) {
            throw new IllegalArgumentException("artist_id must be >= 1, got " + artistId);
        }
        if (plays < 0) {
            throw new IllegalArgumentException("plays must be >= 0, got " + plays);
        }
    }
}
