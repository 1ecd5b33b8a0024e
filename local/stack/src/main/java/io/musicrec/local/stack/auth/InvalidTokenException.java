package io.musicrec.local.stack.auth;

/** A token that is not a well-formed, correctly signed HS256 JWT; the message says what is wrong. */
public final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, lower-case, never the token itself */
    public InvalidTokenException(String reason) {
        super(reason);
    }
}
