package io.musicrec.trainer.setup;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Migrates the schema, then imports the catalog: from the Last.fm 2K files ({@code artists.dat},
 * {@code user_artists.dat}) under a key prefix of the model bucket when one is given (catalog and
 * training base), else from the current model's artist index (catalog only). Both steps are
 * idempotent, so running it again on an initialised database changes nothing.
 */
public final class DatabaseSetup {

    /**
     * What was done.
     *
     * @param migrations the migration run
     * @param catalog    the import, absent when there was nothing to import from
     * @param note       where the catalog came from, or why there was none
     */
    public record Report(Migrations.Report migrations, Optional<CatalogImport.Report> catalog, String note) {
    }

    private final DatabaseSettings settings;
    private final ModelStore store;
    private final S3Client s3;
    private final String bucket;
    private final Path workDirectory;
    private final Clock clock;

    /**
     * @param settings      the database
     * @param store         the model store, for the current model's artist index
     * @param s3            reads the Last.fm files from {@code bucket}
     * @param bucket        the model bucket
     * @param workDirectory where files are downloaded (removed afterwards)
     * @param clock         times the import
     */
    public DatabaseSetup(DatabaseSettings settings, ModelStore store, S3Client s3, String bucket, Path workDirectory, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param lastfmPrefix the key prefix holding the Last.fm 2K files, e.g. {@code seed/lastfm-2k}
     * @throws IllegalArgumentException when a file named by {@code lastfmPrefix} is missing
     */
    public Report run(Optional<String> lastfmPrefix) {
        Migrations.Report migrations = Migrations.migrate(settings);
        Path directory = createWorkDirectory();
        try (Database database = new Database(settings, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(5))
                .withApplicationName("musicrec-migrate"), clock)) {
            CatalogImport catalog = new CatalogImport(database, clock);
            if (lastfmPrefix.isPresent()) {
                String prefix = lastfmPrefix.get().replaceAll("^/+|/+$", "");
                download(prefix + "/" + CatalogImport.LASTFM_ARTISTS, directory.resolve(CatalogImport.LASTFM_ARTISTS));
                download(prefix + "/" + CatalogImport.LASTFM_PLAYS, directory.resolve(CatalogImport.LASTFM_PLAYS));
                return new Report(migrations, Optional.of(catalog.importLastFm(directory)), "s3://" + bucket + "/" + prefix);
            }
            Optional<ModelStore.Current> current = store.current();
            if (current.isEmpty()) {
                return new Report(migrations, Optional.empty(),
                        "no catalog imported: no model is published and no lastfm_prefix was given");
            }
            Model model = store.load(current.get().modelId());
            Path artifact = directory.resolve("model");
            ModelArtifact.write(model, artifact);
            return new Report(migrations, Optional.of(catalog.importModel(artifact)), "model " + model.id());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the current model to " + directory, e);
        } finally {
            AtomicFiles.deleteRecursively(directory);
        }
    }

    private Path createWorkDirectory() {
        try {
            Files.createDirectories(workDirectory);
            return Files.createTempDirectory(workDirectory, "setup-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + workDirectory, e);
        }
    }

    private void download(String key, Path target) {
        try {
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (NoSuchKeyException e) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + " does not exist", e);
        } catch (SdkException e) {
            throw new IllegalStateException("cannot download s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
