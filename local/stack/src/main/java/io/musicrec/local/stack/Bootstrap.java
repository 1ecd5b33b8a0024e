package io.musicrec.local.stack;

import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a fresh deployment needs before it serves, done on every start and skipped where already
 * done: the schema migrations (Flyway applies only what is pending); the catalog, imported from the
 * Last.fm 2K files with their plays as the training base when the files are there, else from the
 * shipped model's artist index (skipped when the artists are there, and the base plays too if the
 * files are); the model bucket; and the shipped model, published as current unless a model is
 * current already (a retrained one, say, which a restart must not replace).
 */
final class Bootstrap {

    /**
     * What was found or done, one phrase each, for the startup log.
     *
     * @param schema  the migrations
     * @param catalog the catalog and base plays
     * @param modelId the current model
     * @param model   how it came to be current
     */
    record Report(String schema, String catalog, String modelId, String model) {
    }

    private Bootstrap() {
    }

    /**
     * @param functions the functions' environment (database and bucket as they will see them)
     * @param settings  the model and Last.fm directories
     * @param clock     times the import, dates the model cache
     */
    static Report run(Environment functions, StackSettings settings, Clock clock) {
        DatabaseSettings database = DatabaseSettings.from(functions);
        ModelStoreSettings models = ModelStoreSettings.from(functions);

        Migrations.Report migrations = Migrations.migrate(database);
        String schema = migrations.applied() == 0
                ? "up to date (version " + migrations.schemaVersion() + ")"
                : migrations.applied() + " migration(s) applied, now version " + migrations.schemaVersion();

        String catalog = catalog(database, settings, clock);

        try (S3Client s3 = AwsClients.s3(models)) {
            ensureBucket(s3, models.bucket());
            S3ModelStore store = S3ModelStore.of(s3, models, clock);
            Optional<ModelStore.Current> current = store.current();
            if (current.isPresent()) {
                return new Report(schema, catalog, current.get().modelId(), "already current");
            }
            ModelStore.Current published = store.publish(settings.modelDirectory(), Optional.empty());
            return new Report(schema, catalog, published.modelId(),
                    "published from " + settings.root().relativize(settings.modelDirectory()) + " as current");
        }
    }

    private static String catalog(DatabaseSettings settings, StackSettings stack, Clock clock) {
        boolean lastfm = Files.isRegularFile(stack.lastfmDirectory().resolve(CatalogImport.LASTFM_ARTISTS))
                && Files.isRegularFile(stack.lastfmDirectory().resolve(CatalogImport.LASTFM_PLAYS));
        try (Database database = new Database(settings, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(5))
                .withApplicationName("musicrec-local-setup"), clock)) {
            long[] counts = database.transaction(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM artists), (SELECT count(*) FROM base_plays)")) {
                    row.next();
                    return new long[] {row.getLong(1), row.getLong(2)};
                }
            });
            if (counts[0] > 0 && (!lastfm || counts[1] > 0)) {
                return String.format(Locale.ROOT, "already imported (%,d artists, %,d base plays)", counts[0], counts[1]);
            }
            CatalogImport importer = new CatalogImport(database, clock);
            CatalogImport.Report report = lastfm ? importer.importLastFm(stack.lastfmDirectory()) : importer.importModel(stack.modelDirectory());
            Path source = lastfm ? stack.lastfmDirectory() : stack.modelDirectory();
            return String.format(Locale.ROOT, "%,d artists and %,d base plays imported from %s in %.1f s", report.artists(),
                    report.basePlays(), source, report.took().toMillis() / 1000.0)
                    + (lastfm ? "" : " (no Last.fm 2K files at " + stack.lastfmDirectory() + ": catalog only, no base plays)");
        }
    }

    private static void ensureBucket(S3Client s3, String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }
}
