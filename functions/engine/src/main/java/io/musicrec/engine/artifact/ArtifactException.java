package io.musicrec.engine.artifact;

/** A model artifact that cannot be used: missing, corrupt, truncated, or not ours. */
public final class ArtifactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
