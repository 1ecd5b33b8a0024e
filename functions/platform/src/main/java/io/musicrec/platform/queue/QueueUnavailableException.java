package io.musicrec.platform.queue;

/** The queue could not take a message right now (unreachable, timed out, throttled or refusing). */
public final class QueueUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be sent where
     * @param cause   the client's exception
     */
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
