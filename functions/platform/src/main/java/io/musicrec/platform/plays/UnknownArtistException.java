package io.musicrec.platform.plays;

/** A play for an artist id that is not in the catalog. */
public final class UnknownArtistException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int artistId;

    public UnknownArtistException(int artistId) {
        super("artist " + artistId + " is not in the catalog");
        this.artistId = artistId;
    }

    public int artistId() {
        return artistId;
    }
}
