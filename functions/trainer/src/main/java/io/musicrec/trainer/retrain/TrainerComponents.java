package io.musicrec.trainer.retrain;

import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.secrets.Secrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The clients a trainer process builds once (per Lambda cold start, per CLI run), and the {@link
 * Retraining} wired from them: a retraining's from a {@link TrainerConfiguration}; the export's and
 * the model commands' from the few variables they need ({@code DATABASE_URL}, {@code MODEL_BUCKET},
 * {@code MODEL_KEY}, {@code S3_ENDPOINT}, {@code AWS_REGION}, {@code SECRET_ARN}). Closing it closes
 * the database connection and the clients.
 */
public final class TrainerComponents implements AutoCloseable {

    /** Reading every play may take minutes on a large base; Lambda stops the run at 15 anyway. */
    public static final Duration READ_TIMEOUT = Duration.ofMinutes(14);

    private final S3Client s3;
    private final S3ModelStore store;
    private final Optional<Database> database;
    private final Optional<Retraining> retraining;
    private final OpenedClients others;

    private TrainerComponents(S3Client s3, S3ModelStore store, Optional<Database> database, Optional<Retraining> retraining,
                              OpenedClients others) {
        this.others = others;
        this.s3 = s3;
        this.store = store;
        this.database = database;
        this.retraining = retraining;
    }

    /**
     * Everything a retraining run needs.
     *
     * @param log receives each run's one-line JSON summary
     */
    public static TrainerComponents forRetraining(TrainerConfiguration configuration, Clock clock, Consumer<String> log) {
        Objects.requireNonNull(log, "log");
        Opened opened = Opened.of(configuration, clock, "the trainer", "musicrec-retraining");
        return opened.retraining(new PostgresTrainingSource(opened.stores().database()),
                new AlsCandidateTrainer(opened.settings().als(), clock), clock, log);
    }

    /**
     * A retraining that gates and publishes a candidate trained elsewhere instead of training one:
     * the plays come from {@code export} (a {@link PlaysExport}), the candidate from the model
     * directory {@code candidate} (local, {@code s3://} or {@code s3a://}); the lock, hold-out,
     * gate, publish and catalog update are the retraining's own.
     */
    public static TrainerComponents forGate(TrainerConfiguration configuration, Clock clock, Consumer<String> log, String export,
                                            String candidate) {
        Objects.requireNonNull(log, "log");
        Opened opened = Opened.of(configuration, clock, "the gate", "musicrec-gate");
        RetrainingSettings settings = opened.settings();
        return opened.retraining(
                new ExportedTrainingSource(UriDirectory.of(export, opened.s3()), settings.holdoutShare(), settings.splitSeed()),
                new StoredCandidate(UriDirectory.of(candidate, opened.s3()), workDirectory()), clock, log);
    }

    /** What every retraining opens, whatever its plays and its candidate: the settings, the stores, the lock. */
    private record Opened(RetrainingSettings settings, Stores stores, RetrainingLock lock) {

        static Opened of(TrainerConfiguration configuration, Clock clock, String who, String applicationName) {
            ModelStoreSettings modelSettings = configuration.models();
            Stores stores = Stores.open(configuration.database(), modelSettings, configuration.secret(), clock, who, applicationName);
            RetrainingLock lock = new PostgresRetrainingLock(configuration.database(), stores.secrets(),
                    PostgresRetrainingLock.keyFor(modelSettings.bucket() + "/" + modelSettings.prefix()));
            return new Opened(configuration.retraining(), stores, lock);
        }

        S3Client s3() {
            return stores.s3();
        }

        TrainerComponents retraining(TrainingSource source, CandidateTrainer trainer, Clock clock, Consumer<String> log) {
            Retraining retraining = new Retraining(source, trainer, stores.store(), new PostgresArtistCatalog(stores.database()), lock,
                    settings, workDirectory(), Runtime.getRuntime().availableProcessors(), clock, log);
            return stores.components(Optional.of(retraining));
        }
    }

    /** The secret, S3, the model store and the database that reading plays needs, the retraining's and the export's alike. */
    private record Stores(OpenedClients others, Secrets secrets, S3Client s3, S3ModelStore store, Database database) {

        static Stores open(DatabaseSettings databaseSettings, ModelStoreSettings modelSettings, SecretSettings secretSettings,
                           Clock clock, String who, String applicationName) {
            OpenedClients others = new OpenedClients(who);
            Secrets secrets = Secrets.open(secretSettings, clock, others);
            S3Client s3 = AwsClients.s3(modelSettings);
            Database database = new Database(databaseSettings, Database.Options.defaults().withStatementTimeout(READ_TIMEOUT)
                    .withApplicationName(applicationName), clock, secrets);
            return new Stores(others, secrets, s3, S3ModelStore.of(s3, modelSettings, clock), database);
        }

        TrainerComponents components(Optional<Retraining> retraining) {
            return new TrainerComponents(s3, store, Optional.of(database), retraining, others);
        }
    }

    /**
     * The database and an S3 client, for {@code export-plays}: the plays are read as a retraining
     * reads them ({@link PostgresTrainingSource}).
     */
    public static TrainerComponents forExport(Environment environment, Clock clock) {
        return Stores.open(DatabaseSettings.from(environment), ModelStoreSettings.from(environment), SecretSettings.from(environment),
                clock, "the export", "musicrec-export").components(Optional.empty());
    }

    /** The S3 client, for locations other than the model store. */
    public S3Client s3() {
        return s3;
    }

    /**
     * The model store alone ({@code MODEL_BUCKET}, {@code MODEL_KEY}, {@code S3_ENDPOINT}, {@code
     * AWS_REGION}): publishing, listing and rolling back need no database.
     */
    public static TrainerComponents forModels(Environment environment, Clock clock) {
        ModelStoreSettings modelSettings = ModelStoreSettings.from(environment);
        S3Client s3 = AwsClients.s3(modelSettings);
        return new TrainerComponents(s3, S3ModelStore.of(s3, modelSettings, clock), Optional.empty(), Optional.empty(),
                new OpenedClients("the model commands"));
    }

    /** {@code java.io.tmpdir/musicrec-retraining}: on Lambda, under {@code /tmp}. */
    public static Path workDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "musicrec-retraining");
    }

    /** The retraining run; present when built with {@link #forRetraining}. */
    public Retraining retraining() {
        return retraining.orElseThrow(() -> new IllegalStateException("built for the model store only"));
    }

    /** The model store. */
    public S3ModelStore store() {
        return store;
    }

    /** The database; present when built with {@link #forRetraining}. */
    public Optional<Database> database() {
        return database;
    }

    @Override
    public void close() {
        try {
            database.ifPresent(Database::close);
        } finally {
            try {
                s3.close();
            } finally {
                others.close();
            }
        }
    }
}
