package io.musicrec.platform.secrets;

/** The secret could not be read or is malformed; the message names what, never a value. */
public final class SecretsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public SecretsException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the SDK's failure
     */
    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
