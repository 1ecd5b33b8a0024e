package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerIT {

    @Test
    void valueSetThroughLettuceIsReadBack() {
        try (RedisServer redis = RedisServer.start(ServerOptions.ephemeral())) {
            assertEquals("v1", roundTrip(redis.url(), "recommendations:1", "v1"));
        }
    }

    @Test
    void dataSurvivesRestartWithTheSameDataDirectory(@TempDir Path directory) {
        ServerOptions options = ServerOptions.ephemeral().withDataDirectory(directory.resolve("redis data"));
        try (RedisServer redis = RedisServer.start(options)) {
            roundTrip(redis.url(), "spotify:artist:289", "{\"song\":\"Creep\"}");
        }

        try (RedisServer redis = RedisServer.start(options)) {
            assertEquals("{\"song\":\"Creep\"}", read(redis.url(), "spotify:artist:289"));
        }
    }

    private static String roundTrip(String url, String key, String value) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(key, value);
            return connection.sync().get(key);
        } finally {
            client.shutdown();
        }
    }

    private static String read(String url, String key) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().get(key);
        } finally {
            client.shutdown();
        }
    }
}
