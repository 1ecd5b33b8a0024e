package io.musicrec.platform.postgres;

import java.sql.SQLException;

/**
 * A database operation failed for a reason the caller cannot fix by changing its input: the
 * server is unreachable, a timeout fired, retries ran out, or a constraint caught a bug.
 */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final boolean connectionLost;

    /**
     * @param message what was being done
     * @param cause   the driver's exception; its SQLState is kept
     */
    public DatabaseException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage() + (cause.getSQLState() == null ? "" : " (SQLState " + cause.getSQLState() + ")"), cause);
        this.sqlState = cause.getSQLState();
        this.connectionLost = SqlStates.isConnectionLoss(cause);
    }

    /** The SQLState of the failure, or null when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** True when the connection was lost ({@link SqlStates#isConnectionLoss}): every other statement would fail alike. */
    public boolean connectionLost() {
        return connectionLost;
    }
}
