package io.musicrec.platform.models;

/**
 * A conditional pointer write found the pointer changed since it was read: another publish or a
 * rollback happened meanwhile. Nothing was overwritten; read the pointer again and decide anew.
 */
public final class PointerMovedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was expected and what was attempted
     * @param cause   the store's refusal (HTTP 412 or 409 from S3)
     */
    public PointerMovedException(String message, Throwable cause) {
        super(message, cause);
    }
}
