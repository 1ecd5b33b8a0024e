package io.musicrec.platform.postgres;

import java.sql.SQLException;

/** The PostgreSQL SQLStates the adapters act on (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
public final class SqlStates {
    /** 23503: a foreign key points at a row that does not exist. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** 23505: a unique constraint. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** 23514: a check constraint. */
    public static final String CHECK_VIOLATION = "23514";
    /** 40001: a serializable transaction lost a conflict; retry it. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** 40P01: deadlock detected; one of the transactions was aborted, retry it. */
    public static final String DEADLOCK_DETECTED = "40P01";
    /** 57014: the statement was cancelled, here by {@code statement_timeout}. */
    public static final String QUERY_CANCELED = "57014";
    /** 55P03: {@code lock_timeout} fired. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** 28P01: password authentication failed. */
    public static final String INVALID_PASSWORD = "28P01";
    /** 28000: the login was refused (no such role, no LOGIN, no pg_hba entry). */
    public static final String INVALID_AUTHORIZATION = "28000";

    private SqlStates() {
    }

    /** The SQLState of {@code e}, or "" when absent. */
    public static String of(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** True when the transaction was aborted by a conflict with another one and may simply be run again. */
    public static boolean isConflict(SQLException e) {
        String state = of(e);
        return state.equals(SERIALIZATION_FAILURE) || state.equals(DEADLOCK_DETECTED);
    }

    /** True when the server refused the login: a password rotated since it was read, or a wrong one. */
    public static boolean isLoginRefused(SQLException e) {
        String state = of(e);
        return state.equals(INVALID_PASSWORD) || state.equals(INVALID_AUTHORIZATION);
    }

    /**
     * True when the connection is gone: class 08 (connection exception) or the server ending the
     * session (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
     */
    public static boolean isConnectionLoss(SQLException e) {
        String state = of(e);
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
