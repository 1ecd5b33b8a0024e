package io.musicrec.platform.postgres;

import java.sql.SQLException;

/**
 * A database operation failed for a reason the caller cannot fix by changing its input: the
 * server is unreachable, a timeout fired, retries ran out, or a constraint caught a bug.
 */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param message what was being done
     * @param cause   the driver's exception; its SQLState is kept
     */
    public DatabaseException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage() + (cause.getSQLState() == null ? "" : " (SQLState " + cause.getSQLState() + ")"), cause);
        this.sqlState = cause.getSQLState();
    }

    /** The SQLState of the failure, or null when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }
}
