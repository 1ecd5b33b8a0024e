package io.musicrec.cache;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

/**
 * A Redis command failed: Redis did not answer in time, the connection is gone, or Redis refused
 * the command. The Redis adapters throw it in place of Lettuce's exceptions, so that no caller
 * names the client; {@link #connectionLost()} tells a Redis that cannot be reached from one that
 * refused this one command, as {@code DatabaseException} does for PostgreSQL.
 */
public final class CacheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean connectionLost;

    /**
     * @param message what was being done
     * @param cause   Lettuce's exception
     */
    public CacheException(String message, RedisException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.connectionLost = cause instanceof RedisConnectionException || cause instanceof RedisCommandTimeoutException;
    }

    /** True when Redis could not be reached or did not answer in time: every other command would fail alike. */
    public boolean connectionLost() {
        return connectionLost;
    }
}
