package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment handling of {@link LocalServices}; every service here is external, so nothing starts. */
class LocalServicesTest {

    private static final Map<String, String> ALL_EXTERNAL = Map.of(
            "DATABASE_URL", "postgres://app:pw@db:5432/musicrec",
            "REDIS_URL", "redis://cache:6379",
            "SQS_ENDPOINT", "http://sqs:9324",
            "S3_ENDPOINT", "http://s3:9000",
            "SPOTIFY_API_URL", "https://api.spotify.com");

    @Test
    void externalEndpointsAreUsedAndNoServerIsStarted() {
        try (LocalServices services = LocalServices.start(LocalServices.Options.all(), ALL_EXTERNAL::get)) {
            assertEquals(Optional.of(new DatabaseEndpoint("jdbc:postgresql://db:5432/musicrec", "app", "pw")), services.database());
            assertEquals(Optional.of("redis://cache:6379"), services.redisUrl());
            assertEquals(Optional.of("http://sqs:9324"), services.sqsEndpoint());
            assertEquals(Optional.of("http://s3:9000"), services.s3Endpoint());
            assertEquals(Optional.of("https://api.spotify.com"), services.spotifyUrl());
            for (LocalServices.Service service : LocalServices.Service.values()) {
                assertTrue(services.isExternal(service), service.name());
            }
            assertEquals(Optional.empty(), services.postgres());
            assertEquals(Optional.empty(), services.sqs());
        }
    }

    @Test
    void servicesNotAskedForHaveNoEndpointEvenWhenTheirVariableIsSet() {
        try (LocalServices services = LocalServices.start(
                LocalServices.Options.only(LocalServices.Service.REDIS), ALL_EXTERNAL::get)) {
            assertEquals(Optional.of("redis://cache:6379"), services.redisUrl());
            assertEquals(Optional.empty(), services.database());
            assertEquals(Optional.empty(), services.s3Endpoint());
        }
    }

    @Test
    void malformedVariableIsNamedInTheError() {
        Map<String, String> environment = Map.of("REDIS_URL", "localhost:6379");

        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> LocalServices.start(LocalServices.Options.only(LocalServices.Service.REDIS), environment::get));
        assertTrue(rejected.getMessage().contains("REDIS_URL"), rejected.getMessage());
    }

    @Test
    void blankVariableCountsAsUnset() {
        Map<String, String> environment = Map.of("SQS_ENDPOINT", "   ", "DATABASE_URL", "postgres://db/x");

        // SQS is blank, so it would be embedded: ask only for Postgres to keep this test server-free.
        try (LocalServices services = LocalServices.start(
                LocalServices.Options.only(LocalServices.Service.POSTGRES), environment::get)) {
            assertTrue(services.isExternal(LocalServices.Service.POSTGRES));
        }
    }

    @Test
    void reportNamesEveryEndpointButNoPassword() {
        try (LocalServices services = LocalServices.start(LocalServices.Options.all(), ALL_EXTERNAL::get)) {
            String report = services.report();

            assertTrue(report.contains("jdbc:postgresql://db:5432/musicrec"), report);
            assertTrue(report.contains("external"), report);
            assertTrue(!report.contains("pw"), report);
        }
    }
}
