package io.musicrec.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.local.services.SecretsManagerStandIn;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.DatabaseException;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secret read through the SDK's Secrets Manager client from the stand-in, and a rotated database password taking effect. */
class SecretsIT {

    private static SecretsManagerStandIn secretsManager;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
    private OpenedClients opened;
    private String name;

    @BeforeAll
    static void start() {
        secretsManager = SecretsManagerStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        secretsManager.close();
    }

    @BeforeEach
    void clients() {
        opened = new OpenedClients("the test");
        name = "musicrec-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        opened.close();
    }

    private static SecretSettings settings(String arn) {
        return SecretSettings.from(Environment.of(Map.of("SECRET_ARN", arn, "SECRETS_MANAGER_ENDPOINT", secretsManager.endpoint(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")::get));
    }

    @Test
    void theSecretIsReadOnceAtStartAndItsKeysServeAsValues() {
        String arn = secretsManager.putSecret(name, "{\"database_password\":\"pa ss\",\"redis_auth_token\":\"t0ken\",\"spotify_client_id\":\"\"}");
        int before = secretsManager.getSecretValueRequests();

        Secrets secrets = Secrets.open(settings(arn), clock, opened);

        assertTrue(secrets.configured());
        assertEquals(Optional.of("pa ss"), secrets.value(Secrets.DATABASE_PASSWORD));
        assertEquals(Optional.of("t0ken"), new SecretRedisToken(secrets).current());
        assertEquals(Optional.empty(), secrets.value(Secrets.SPOTIFY_CLIENT_ID), "an empty value counts as none");
        assertEquals(Optional.empty(), secrets.value(Secrets.SPOTIFY_CLIENT_SECRET));
        assertEquals(before + 1, secretsManager.getSecretValueRequests());
        secrets.value(Secrets.DATABASE_PASSWORD);
        assertEquals(before + 1, secretsManager.getSecretValueRequests(), "values are kept, not read per use");
        assertFalse(secrets.toString().contains("pa ss"), secrets.toString());
    }

    @Test
    void withoutASecretArnNothingIsAskedAndEveryValueIsEmpty() {
        int before = secretsManager.getSecretValueRequests();

        Secrets secrets = Secrets.open(SecretSettings.from(Environment.of(Map.<String, String>of()::get)), clock, opened);

        assertFalse(secrets.configured());
        assertEquals(Optional.empty(), secrets.value(Secrets.DATABASE_PASSWORD));
        secrets.refresh();
        assertEquals(before, secretsManager.getSecretValueRequests());
    }

    @Test
    void aRefreshReadsTheRotatedSecretButAtMostOncePerInterval() {
        String arn = secretsManager.putSecret(name, "{\"redis_auth_token\":\"first\"}");
        Secrets secrets = Secrets.open(settings(arn), clock, opened);
        secretsManager.putSecret(name, "{\"redis_auth_token\":\"second\"}");

        secrets.refresh();
        assertEquals(Optional.of("first"), secrets.value(Secrets.REDIS_AUTH_TOKEN), "read just now: not again yet");

        clock.advance(Secrets.MIN_REFRESH_INTERVAL);
        new SecretRedisToken(secrets).refresh();
        assertEquals(Optional.of("second"), secrets.value(Secrets.REDIS_AUTH_TOKEN));
    }

    @Test
    void aFailedRefreshKeepsTheValues() {
        String arn = secretsManager.putSecret(name, "{\"database_password\":\"kept\"}");
        Secrets secrets = Secrets.open(settings(arn), clock, opened);
        clock.advance(Duration.ofMinutes(1));
        secretsManager.failWith500(true);
        try {
            secrets.refresh();
        } finally {
            secretsManager.failWith500(false);
        }
        assertEquals(Optional.of("kept"), secrets.value(Secrets.DATABASE_PASSWORD));
    }

    @Test
    void anUnknownSecretFailsTheStartNamingItAndNoValue() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:absent-AbCdEf";

        SecretsException e = assertThrows(SecretsException.class, () -> Secrets.open(settings(arn), clock, opened));

        assertTrue(e.getMessage().contains(arn), e.getMessage());
        assertTrue(e.getMessage().contains("can't find"), e.getMessage());
    }

    @Test
    void aSecretThatIsNotAJsonObjectOfStringsIsRefusedWithoutQuotingIt() {
        String arn = secretsManager.putSecret(name, "{\"database_password\":{\"nested\":\"hunter2\"}}");
        SecretsException nested = assertThrows(SecretsException.class, () -> Secrets.open(settings(arn), clock, opened));
        assertTrue(nested.getMessage().contains("database_password"), nested.getMessage());

        secretsManager.putSecret(name, "hunter2");
        SecretsException text = assertThrows(SecretsException.class, () -> Secrets.open(settings(arn), clock, opened));
        assertFalse(text.getMessage().contains("hunter2"), text.getMessage());
    }

    /**
     * A role that logs in with a password (a pg_hba.conf line of its own on the test server, which
     * trusts everyone else): rotated in PostgreSQL and in the secret, the next connection is refused
     * with the kept password, reads the secret again and logs in.
     */
    @Test
    void aRotatedDatabasePasswordIsReadAgainWhenTheLoginIsRefused() throws Exception {
        DatabaseSettings admin = TestServices.freshSchema();
        String role = "rotating_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = TestSchemas.connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'first-password'");
            requirePassword(s, role);
        }
        DatabaseSettings login = new DatabaseSettings(admin.jdbcUrl(), role, "");
        String arn = secretsManager.putSecret(name, "{\"database_password\":\"first-password\"}");
        Secrets secrets = Secrets.open(settings(arn), clock, opened);
        try (Database database = new Database(login, Database.Options.defaults(), clock, secrets)) {
            assertEquals(role, currentUser(database));

            try (Connection c = TestSchemas.connect(admin); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + role + " PASSWORD 'second-password'");
            }
            secretsManager.putSecret(name, "{\"database_password\":\"second-password\"}");
            database.closeConnection();
            clock.advance(Secrets.MIN_REFRESH_INTERVAL);
            int before = secretsManager.getSecretValueRequests();

            assertEquals(role, currentUser(database), "logged in with the rotated password");
            assertEquals(before + 1, secretsManager.getSecretValueRequests());
        }
        // A connection kept outside a Database (the trainer's advisory lock) logs in the same way.
        try (Connection c = TestSchemas.connect(admin); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + role + " PASSWORD 'third-password'");
        }
        secretsManager.putSecret(name, "{\"database_password\":\"third-password\"}");
        clock.advance(Secrets.MIN_REFRESH_INTERVAL);
        try (Connection lock = Database.login(login, secrets, new Properties())) {
            assertTrue(lock.isValid(2));
        }
        try (Database wrong = new Database(login.withPassword("wrong"), Database.Options.defaults(), clock, Secrets.none())) {
            assertThrows(DatabaseException.class, () -> currentUser(wrong), "the server does check this role's password");
        }
    }

    private static String currentUser(Database database) {
        return database.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_user")) {
                r.next();
                return r.getString(1);
            }
        });
    }

    /** Puts a scram-sha-256 line for {@code role} first in the server's pg_hba.conf and reloads it. */
    private static void requirePassword(Statement s, String role) throws Exception {
        Path hba;
        try (ResultSet r = s.executeQuery("SHOW hba_file")) {
            r.next();
            hba = Path.of(r.getString(1));
        }
        String line = "host all " + role + " all scram-sha-256\n";
        synchronized (SecretsIT.class) {
            Files.writeString(hba, line + Files.readString(hba));
        }
        try (ResultSet r = s.executeQuery("SELECT pg_reload_conf()")) {
            r.next();
        }
        // The postmaster rereads the file on the signal; give it a moment.
        Thread.sleep(300);
    }
}
