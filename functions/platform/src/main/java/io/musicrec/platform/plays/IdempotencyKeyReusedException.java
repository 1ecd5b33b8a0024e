package io.musicrec.platform.plays;

import java.util.Objects;

/** A user's idempotency key, still live, sent again with another play than the one it first named. Nothing was written. */
public final class IdempotencyKeyReusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient IdempotencyKey key;
    private final int firstArtistId;

    /**
     * @param key           the key
     * @param firstArtistId the artist of the play the key was first sent with
     */
    public IdempotencyKeyReusedException(IdempotencyKey key, int firstArtistId) {
        super("idempotency key was first used for artist " + firstArtistId);
        this.key = Objects.requireNonNull(key, "key");
        this.firstArtistId = firstArtistId;
    }

    /** The key. */
    public IdempotencyKey key() {
        return key;
    }

    /** The artist of the play the key was first sent with. */
    public int firstArtistId() {
        return firstArtistId;
    }
}
