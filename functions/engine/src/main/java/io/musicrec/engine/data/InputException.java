package io.musicrec.engine.data;

/**
 * A file the engine was asked to read is not what it should be. The message names the file and,
 * where there is one, the line, so a user can open the file at the right place.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    public InputException(String file, long line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public InputException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.line = 0;
    }

    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }
}
