package io.musicrec.platform.models;

/** A model could not be read or published: missing, incomplete, corrupt, or the store failed. */
public final class ModelStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the object (e.g. {@code s3://bucket/models/ID/gramian.f64})
     */
    public ModelStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause   the underlying failure
     */
    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
