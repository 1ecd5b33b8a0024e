package io.musicrec.platform.songs;

/** The song lookup could not give a definite answer right now. */
public final class TrackLookupUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrackLookupUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
