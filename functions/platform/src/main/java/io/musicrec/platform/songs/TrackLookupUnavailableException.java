package io.musicrec.platform.songs;

import java.time.Duration;
import java.util.Optional;

/**
 * The song lookup could not give a definite answer right now (no credentials, rate limit, server
 * error, timeout). Nothing about the artist should be cached; when Spotify said how long to stay
 * away ({@code Retry-After}), {@link #retryAfter()} carries it so callers can stop asking until then.
 */
public final class TrackLookupUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Unavailable with no word on when to retry.
     *
     * @param message what failed, never a credential
     * @param cause   the client's exception, or null
     */
    public TrackLookupUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Unavailable, and the service asked to wait before the next request.
     *
     * @param message    what failed, never a credential
     * @param cause      the client's exception, or null
     * @param retryAfter how long the service asked callers to wait, or null when it did not say
     */
    public TrackLookupUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the service asked callers to wait before asking again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
