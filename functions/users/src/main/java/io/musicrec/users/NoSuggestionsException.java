package io.musicrec.users;

/**
 * No artist in the catalog has listeners, so there is nothing to suggest: the catalog has not
 * been imported (the migrate function has not run). Registration writes nothing then.
 */
public final class NoSuggestionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoSuggestionsException() {
        super("no catalog artist has listeners: import the catalog before registering users");
    }
}
