package io.musicrec.trainer.cli;

/** Bad arguments on the command line: exit code 2 with this one-line message. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
