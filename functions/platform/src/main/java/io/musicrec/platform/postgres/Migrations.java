package io.musicrec.platform.postgres;

import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the Flyway migrations in {@value #LOCATION} (this module's
 * {@code src/main/resources/db/migration}).
 *
 * <p>Flyway is an optional dependency of this module: the trainer function, the local stack and
 * the tests declare it; the API and worker jars do not carry it and never load this class.
 * Concurrent runs are safe (Flyway serialises them with a PostgreSQL advisory lock) and a run on
 * an up-to-date schema changes nothing.
 */
public final class Migrations {

    /** Where the SQL migrations are on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    /**
     * What a run did.
     *
     * @param applied       how many migrations this run applied
     * @param schemaVersion the schema version afterwards
     * @param schema        the schema migrated, or "(current schema)" when nothing was applied
     */
    public record Report(int applied, String schemaVersion, String schema) {
    }

    private Migrations() {
    }

    /**
     * Applies every pending migration to the database's current schema (the first of its {@code
     * search_path}, or {@code currentSchema=...} in the JDBC URL).
     *
     * @throws DatabaseMigrationException naming the migration that failed
     */
    public static Report migrate(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.user().isEmpty() ? null : settings.user(),
                        settings.password().isEmpty() ? null : settings.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .connectRetries(3)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            String version = result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
            // Flyway names the schema only when it applied something.
            String schema = result.schemaName == null || result.schemaName.isBlank() ? "(current schema)" : result.schemaName;
            return new Report(result.migrationsExecuted, version, schema);
        } catch (FlywayException e) {
            throw new DatabaseMigrationException("migrating " + settings.jdbcUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /** A migration could not be applied. */
    public static final class DatabaseMigrationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseMigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Migrates the database named by {@code DATABASE_URL} (and {@code DATABASE_USER} / {@code
     * DATABASE_PASSWORD}) and prints what was done.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Report report = migrate(DatabaseSettings.from(Environment.system()));
        System.out.println("schema " + report.schema() + " at version " + report.schemaVersion()
                + " (" + report.applied() + " migration(s) applied)");
    }
}
