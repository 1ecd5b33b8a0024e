package io.musicrec.platform.queue;

/** The queue could not take a message right now. */
public final class QueueUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
