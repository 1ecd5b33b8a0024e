package io.musicrec.worker.recalculation;

import io.musicrec.cache.CacheException;
import io.musicrec.platform.models.ModelStoreException;
import io.musicrec.platform.postgres.DatabaseException;

/** Why a message failed, which decides what the log says and whether the rest of the batch is tried. */
enum Failure {
    /** The body is not a recalculation request: it will never succeed and ends in the dead-letter queue. */
    MALFORMED("failed_malformed"),
    /**
     * PostgreSQL or Redis cannot be reached, or no model can be loaded: every other message of
     * the batch would fail the same way after the same timeouts, so they are not tried and are
     * reported failed at once, for SQS to deliver again later.
     */
    UNAVAILABLE("failed_unavailable"),
    /** Anything else: this message fails, the others are still tried. */
    ERROR("failed_error"),
    /** Not tried: an earlier message found a service unavailable, or the invocation is running out of time. */
    NOT_ATTEMPTED("not_attempted");

    private final String label;

    Failure(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The kind of a failure thrown while recalculating (parsing failures are {@link #MALFORMED}). */
    static Failure of(RuntimeException e) {
        if (e instanceof ModelStoreException
                || e instanceof CacheException cache && cache.connectionLost()
                || e instanceof DatabaseException database && database.connectionLost()) {
            return UNAVAILABLE;
        }
        return ERROR;
    }
}
