package io.musicrec.local.services.testing;

import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.RedisServer;
import io.musicrec.local.services.ServerOptions;
import java.util.Optional;

/**
 * The Redis an integration test runs against: the one in {@code REDIS_URL} when set (the tests
 * then only touch keys of users they invent), otherwise an embedded Redis started for the test.
 */
public final class TestRedis implements AutoCloseable {
    private final Optional<RedisServer> embedded;
    private final String url;

    private TestRedis(Optional<RedisServer> embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    public static TestRedis start() {
        String external = System.getenv(LocalServices.REDIS_URL);
        if (external != null && !external.isBlank()) {
            return new TestRedis(Optional.empty(), external);
        }
        RedisServer server = RedisServer.start(ServerOptions.ephemeral());
        return new TestRedis(Optional.of(server), server.url());
    }

    public String url() {
        return url;
    }

    /** True when the test owns the server and may do what would disturb others (SCRIPT FLUSH). */
    public boolean embedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        embedded.ifPresent(RedisServer::close);
    }
}
