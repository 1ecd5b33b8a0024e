package io.musicrec.worker.recalculation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.musicrec.cache.CacheException;
import io.musicrec.platform.models.ModelStoreException;
import io.musicrec.platform.postgres.DatabaseException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureTest {

    @Test
    void aStoreThatCannotBeReachedPutsTheBatchOff() {
        assertEquals(Failure.UNAVAILABLE, Failure.of(new ModelStoreException("no model")));
        assertEquals(Failure.UNAVAILABLE, Failure.of(new CacheException("writing", new RedisConnectionException("refused"))));
        assertEquals(Failure.UNAVAILABLE, Failure.of(new CacheException("writing", new RedisCommandTimeoutException("timed out"))));
        assertEquals(Failure.UNAVAILABLE, Failure.of(new DatabaseException("reading plays", new SQLException("gone", "08006"))));
        assertEquals(Failure.UNAVAILABLE, Failure.of(new DatabaseException("reading plays", new SQLException("shutdown", "57P01"))));
    }

    @Test
    void aCommandOrStatementRefusedFailsOnlyItsMessage() {
        assertEquals(Failure.ERROR, Failure.of(new CacheException("writing", new RedisCommandExecutionException("ERR script"))));
        assertEquals(Failure.ERROR, Failure.of(new DatabaseException("writing", new SQLException("duplicate", "23505"))));
        assertEquals(Failure.ERROR, Failure.of(new DatabaseException("writing", new SQLException("no state"))));
        assertEquals(Failure.ERROR, Failure.of(new IllegalStateException("a bug")));
    }
}
