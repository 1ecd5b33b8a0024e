package io.musicrec.platform.songs;

import io.musicrec.cache.RedisConnection;
import io.musicrec.local.services.RedisServer;
import io.musicrec.local.services.ServerOptions;
import java.util.Optional;

/**
 * The Redis the integration tests run against: the one in {@code REDIS_URL} when set, otherwise an
 * embedded Redis started for the test class.
 */
final class TestRedis implements AutoCloseable {

    private final Optional<RedisServer> embedded;
    private final String url;

    private TestRedis(Optional<RedisServer> embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    static TestRedis start() {
        String external = System.getenv(RedisConnection.REDIS_URL);
        if (external != null && !external.isBlank()) {
            return new TestRedis(Optional.empty(), external);
        }
        RedisServer server = RedisServer.start(ServerOptions.ephemeral());
        return new TestRedis(Optional.of(server), server.url());
    }

    String url() {
        return url;
    }

    /** True when the tests own the server and may read its statistics. */
    boolean embedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        embedded.ifPresent(RedisServer::close);
    }
}
