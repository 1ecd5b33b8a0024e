package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseEndpointTest {

    @Test
    void postgresUrlBecomesJdbcUrlWithCredentialsMovedOut() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse("postgres://musicrec:s3cr%40t@db.internal:6543/recs?sslmode=require");

        assertEquals(new DatabaseEndpoint("jdbc:postgresql://db.internal:6543/recs?sslmode=require", "musicrec", "s3cr@t"), endpoint);
    }

    @Test
    void postgresUrlWithoutPortOrDatabaseGetsTheDefaults() {
        assertEquals(new DatabaseEndpoint("jdbc:postgresql://localhost:5432/postgres", "", ""),
                DatabaseEndpoint.parse("postgresql://localhost"));
    }

    @Test
    void jdbcUrlKeepsItsParametersButNotItsCredentials() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse(
                "jdbc:postgresql://localhost:5432/test?user=root&ssl=false&password=pw");

        assertEquals(new DatabaseEndpoint("jdbc:postgresql://localhost:5432/test?ssl=false", "root", "pw"), endpoint);
    }

    @Test
    void otherSchemesAreRejectedWithoutEchoingTheValue() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> DatabaseEndpoint.parse("mysql://root:topsecret@localhost/db"));

        assertFalse(rejected.getMessage().contains("topsecret"), rejected.getMessage());
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(new DatabaseEndpoint("jdbc:postgresql://h:1/d", "u", "topsecret").toString().contains("topsecret"));
    }
}
