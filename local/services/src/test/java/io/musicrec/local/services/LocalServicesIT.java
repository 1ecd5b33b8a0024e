package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class LocalServicesIT {

    @Test
    void everyEmbeddedServiceAnswersAtItsReportedEndpoint() throws Exception {
        try (LocalServices services = LocalServices.start(LocalServices.Options.all(), Map.<String, String>of()::get)) {
            DatabaseEndpoint database = services.database().orElseThrow();
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 1")) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }

            RedisClient redis = RedisClient.create(services.redisUrl().orElseThrow());
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                assertEquals("PONG", connection.sync().ping());
            } finally {
                redis.shutdown();
            }

            String queueUrl = services.sqs().orElseThrow()
                    .createQueueWithDeadLetterQueue("recalculations", java.time.Duration.ofSeconds(30), 3).queueUrl();
            try (SqsClient sqs = SqsServerIT.client(services.sqsEndpoint().orElseThrow())) {
                assertTrue(sqs.listQueues().queueUrls().contains(queueUrl));
            }

            services.s3().orElseThrow().createBucket("models");
            try (S3Client s3 = S3ServerIT.client(services.s3Endpoint().orElseThrow(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
                assertEquals("models", s3.listBuckets().buckets().get(0).name());
            }

            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(services.spotifyUrl().orElseThrow() + "/api/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (SpotifyStandIn.CLIENT_ID + ":" + SpotifyStandIn.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode());

            for (LocalServices.Service service : LocalServices.Service.values()) {
                assertFalse(services.isExternal(service), service.name());
            }
        }
    }

    @Test
    void databaseUrlInPostgresFormIsUsedInsteadOfStartingPostgres() throws Exception {
        try (PostgresServer external = PostgresServer.start(ServerOptions.ephemeral());
                LocalServices services = LocalServices.start(
                        LocalServices.Options.only(LocalServices.Service.POSTGRES),
                        Map.of("DATABASE_URL", external.databaseUrl())::get)) {
            assertTrue(services.postgres().isEmpty());
            DatabaseEndpoint database = services.database().orElseThrow();
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT inet_server_port()")) {
                rows.next();
                assertEquals(external.port(), rows.getInt(1));
            }
        }
    }
}
