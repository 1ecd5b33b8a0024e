package io.musicrec.http;

import java.util.Objects;

/**
 * Carries a {@link ClientError} out of request parsing to the handler, which answers with it. It is
 * control flow for an expected outcome, so it records no stack trace.
 */
public final class RejectedRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ClientError error;

    RejectedRequest(ClientError error) {
        super(Objects.requireNonNull(error, "error").code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    /** The answer to give. */
    public ClientError error() {
        return error;
    }
}
