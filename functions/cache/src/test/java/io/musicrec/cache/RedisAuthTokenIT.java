package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisConnectionException;
import io.musicrec.local.services.RedisServer;
import io.musicrec.local.services.ServerOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auth token from an {@link RedisConnection.AuthToken} (the function's secret on AWS), against a
 * Redis server of its own with AUTH on: used at the handshake, renewed once when refused, and used
 * again by a reconnect.
 */
class RedisAuthTokenIT {

    private static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServer.start(ServerOptions.ephemeral());
        try (RedisConnection admin = RedisConnection.open(server.url())) {
            admin.sync().configSet("requirepass", "current-token");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A token that answers {@code before} until refreshed, then {@code after}. */
    private static final class Rotating implements RedisConnection.AuthToken {
        private volatile String value;
        private final String after;
        final AtomicInteger refreshes = new AtomicInteger();

        Rotating(String before, String after) {
            this.value = before;
            this.after = after;
        }

        @Override
        public Optional<String> current() {
            return Optional.of(value);
        }

        @Override
        public void refresh() {
            refreshes.incrementAndGet();
            value = after;
        }
    }

    @Test
    void theTokenIsSentAtTheHandshakeWithoutBeingInTheUrl() {
        Rotating token = new Rotating("current-token", "unused");
        try (RedisConnection redis = RedisConnection.open(server.url(), Duration.ofSeconds(2), token)) {
            assertEquals("PONG", redis.sync().ping());
        }
        assertEquals(0, token.refreshes.get());
    }

    @Test
    void aRefusedTokenIsReadAgainOnceAndTheConnectionOpens() {
        Rotating token = new Rotating("rotated-away", "current-token");
        try (RedisConnection redis = RedisConnection.open(server.url(), Duration.ofSeconds(2), token)) {
            assertEquals("PONG", redis.sync().ping());
            redis.reconnect();
            assertEquals("PONG", redis.sync().ping(), "the reconnect uses the renewed token");
        }
        assertEquals(1, token.refreshes.get());
    }

    @Test
    void aTokenStillRefusedAfterTheRefreshFailsTheOpen() {
        Rotating token = new Rotating("wrong", "still-wrong");
        RedisConnectionException e = assertThrows(RedisConnectionException.class,
                () -> RedisConnection.open(server.url(), Duration.ofSeconds(2), token));
        assertTrue(RedisConnection.refusedCredentials(e), String.valueOf(e));
        assertEquals(1, token.refreshes.get());
    }
}
