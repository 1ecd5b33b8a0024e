package io.musicrec.local.stack;

import io.musicrec.local.stack.auth.TrustedIssuer;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The local stack's own settings ({@code PORT}, {@code MUSICREC_*}, {@code LOCAL_*}: one constant
 * each below, defaults in {@link #from}), read and checked once at start. The functions' own variables
 * ({@code DATABASE_URL}, {@code SPOTIFY_*}...) are not read here: they pass through to the functions
 * (see {@link FunctionEnvironment}). The README's configuration section is the user's list.
 */
public record StackSettings(Path root, Path dataDirectory, Path modelDirectory, Path lastfmDirectory, int port, String bucket,
                            String queueName, Duration visibilityTimeout, Duration workerTimeout, Duration httpTimeout,
                            int batchSize, Duration pollWait, Duration outboxSweep, int concurrency, int httpThreads,
                            Optional<String> jwtSecret, String jwtIssuer, String jwtAudience, Duration tokenLifetime,
                            Optional<TrustedIssuer.Settings> trustedIssuer) {

    /** The gateway's port. */
    public static final String PORT = "PORT";
    /** The repository root. */
    public static final String MUSICREC_ROOT = "MUSICREC_ROOT";
    /** The data directory. */
    public static final String MUSICREC_DATA_DIR = "MUSICREC_DATA_DIR";
    /** The model artifact published on the first start. */
    public static final String MUSICREC_MODEL_DIR = "MUSICREC_MODEL_DIR";
    /** The Last.fm 2K files. */
    public static final String MUSICREC_LASTFM_DIR = "MUSICREC_LASTFM_DIR";
    /** The queue's name. */
    public static final String LOCAL_QUEUE_NAME = "LOCAL_QUEUE_NAME";
    /** The queue's visibility timeout in seconds. */
    public static final String LOCAL_VISIBILITY_TIMEOUT_SECONDS = "LOCAL_VISIBILITY_TIMEOUT_SECONDS";
    /** The worker's timeout in seconds. */
    public static final String LOCAL_WORKER_TIMEOUT_SECONDS = "LOCAL_WORKER_TIMEOUT_SECONDS";
    /** The API and read functions' timeout in seconds. */
    public static final String LOCAL_API_TIMEOUT_SECONDS = "LOCAL_API_TIMEOUT_SECONDS";
    /** Messages per worker event. */
    public static final String LOCAL_BATCH_SIZE = "LOCAL_BATCH_SIZE";
    /** The long poll's wait in seconds. */
    public static final String LOCAL_POLL_WAIT_SECONDS = "LOCAL_POLL_WAIT_SECONDS";
    /** The outbox sweep's interval in seconds. */
    public static final String LOCAL_OUTBOX_SWEEP_SECONDS = "LOCAL_OUTBOX_SWEEP_SECONDS";
    /** Warm instances per HTTP function, at most. */
    public static final String LOCAL_CONCURRENCY = "LOCAL_CONCURRENCY";
    /** The gateway's request threads. */
    public static final String LOCAL_HTTP_THREADS = "LOCAL_HTTP_THREADS";
    /** The HS256 secret. A secret: never printed. */
    public static final String LOCAL_JWT_SECRET = "LOCAL_JWT_SECRET";
    /** The tokens' issuer. */
    public static final String LOCAL_JWT_ISSUER = "LOCAL_JWT_ISSUER";
    /** The tokens' audience. */
    public static final String LOCAL_JWT_AUDIENCE = "LOCAL_JWT_AUDIENCE";
    /** An issued token's lifetime in seconds. */
    public static final String LOCAL_TOKEN_TTL_SECONDS = "LOCAL_TOKEN_TTL_SECONDS";
    /** An OIDC issuer trusted besides the local tokens. */
    public static final String LOCAL_OIDC_ISSUER = "LOCAL_OIDC_ISSUER";
    /** The web app's client id at that issuer. */
    public static final String LOCAL_OIDC_CLIENT_ID = "LOCAL_OIDC_CLIENT_ID";
    /** That issuer's sign-in domain, when not the issuer itself. */
    public static final String LOCAL_OIDC_DOMAIN = "LOCAL_OIDC_DOMAIN";

    /** The port when {@code PORT} is unset, as {@code sam local start-api}'s. */
    public static final int DEFAULT_PORT = 3000;
    /** The bucket when {@code MODEL_BUCKET} is unset. */
    public static final String DEFAULT_BUCKET = "musicrec-models";
    /** The queue when {@code LOCAL_QUEUE_NAME} is unset. */
    public static final String DEFAULT_QUEUE = "musicrec-recalculations";

    /** Checks what the types cannot. */
    public StackSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(lastfmDirectory, "lastfmDirectory");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(jwtIssuer, "jwtIssuer");
        Objects.requireNonNull(jwtAudience, "jwtAudience");
        Objects.requireNonNull(trustedIssuer, "trustedIssuer");
        if (jwtSecret.isPresent() && jwtSecret.get().length() < 32) {
            throw new ConfigurationException(LOCAL_JWT_SECRET, "must be at least 32 characters (HS256 wants 256 bits)");
        }
        if (!queueName.matches("[A-Za-z0-9_-]{1,76}")) {
            throw new ConfigurationException(LOCAL_QUEUE_NAME, "must be 1-76 of A-Z, a-z, 0-9, '-', '_' (the DLQ adds -dlq)");
        }
    }

    /**
     * Reads every variable; relative paths are resolved against the root.
     *
     * @param environment      the process environment
     * @param workingDirectory the root when {@code MUSICREC_ROOT} is unset
     * @throws ConfigurationException naming the variable at fault; also when the model directory
     *     holds no model (the stack must be started from the repository, or told where it is)
     */
    public static StackSettings from(Environment environment, Path workingDirectory) {
        Path root = environment.optional(MUSICREC_ROOT).map(Path::of).orElse(workingDirectory).toAbsolutePath().normalize();
        Path data = root.resolve(environment.optional(MUSICREC_DATA_DIR).orElse(".musicrec")).normalize();
        Path model = root.resolve(environment.optional(MUSICREC_MODEL_DIR).orElse("model-artifacts/lastfm-2k")).normalize();
        Path lastfm = root.resolve(environment.optional(MUSICREC_LASTFM_DIR).orElse("../shared/data/lastfm-2k")).normalize();
        if (!Files.isRegularFile(model.resolve("manifest.json"))) {
            throw new ConfigurationException(environment.optional(MUSICREC_MODEL_DIR).isPresent() ? MUSICREC_MODEL_DIR : MUSICREC_ROOT,
                    "must lead to a model artifact: no manifest.json in " + model
                            + " (start the stack from the repository root, or set " + MUSICREC_ROOT + ")");
        }
        return new StackSettings(root, data, model, lastfm,
                environment.integer(PORT, DEFAULT_PORT, 0, 65_535),
                environment.optional(EnvironmentVariables.MODEL_BUCKET).orElse(DEFAULT_BUCKET),
                environment.optional(LOCAL_QUEUE_NAME).orElse(DEFAULT_QUEUE),
                seconds(environment, LOCAL_VISIBILITY_TIMEOUT_SECONDS, 45, 0, 43_200),
                seconds(environment, LOCAL_WORKER_TIMEOUT_SECONDS, 60, 1, 900),
                seconds(environment, LOCAL_API_TIMEOUT_SECONDS, 10, 1, 30),
                environment.integer(LOCAL_BATCH_SIZE, 10, 1, 10),
                seconds(environment, LOCAL_POLL_WAIT_SECONDS, 2, 0, 20),
                seconds(environment, LOCAL_OUTBOX_SWEEP_SECONDS, 5, 1, 3600),
                environment.integer(LOCAL_CONCURRENCY, 8, 1, 256),
                environment.integer(LOCAL_HTTP_THREADS, 32, 1, 1024),
                environment.verbatim(LOCAL_JWT_SECRET),
                environment.optional(LOCAL_JWT_ISSUER).orElse("musicrec-local"),
                environment.optional(LOCAL_JWT_AUDIENCE).orElse("musicrec"),
                seconds(environment, LOCAL_TOKEN_TTL_SECONDS, 86_400, 60, 31_536_000),
                trustedIssuer(environment));
    }

    private static Optional<TrustedIssuer.Settings> trustedIssuer(Environment environment) {
        Optional<String> issuer = environment.optional(LOCAL_OIDC_ISSUER);
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        if (!issuer.get().matches("https?://[^/?#]+(/[^?#]*)?")) {
            throw new ConfigurationException(LOCAL_OIDC_ISSUER, "must be an http(s) URL like https://cognito-idp.REGION.amazonaws.com/POOL_ID");
        }
        String client = environment.optional(LOCAL_OIDC_CLIENT_ID)
                .orElseThrow(() -> new ConfigurationException(LOCAL_OIDC_CLIENT_ID, "is required with " + LOCAL_OIDC_ISSUER));
        return Optional.of(new TrustedIssuer.Settings(issuer.get(), client, environment.optional(LOCAL_OIDC_DOMAIN).orElse(issuer.get())));
    }

    private static Duration seconds(Environment environment, String name, int fallback, int min, int max) {
        return Duration.ofSeconds(environment.integer(name, fallback, min, max));
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "StackSettings[root=" + root + ", data=" + dataDirectory + ", model=" + modelDirectory + ", lastfm=" + lastfmDirectory
                + ", port=" + port + ", bucket=" + bucket + ", queue=" + queueName + ", visibility=" + visibilityTimeout
                + ", workerTimeout=" + workerTimeout + ", httpTimeout=" + httpTimeout + ", batch=" + batchSize + ", wait=" + pollWait
                + ", sweep=" + outboxSweep + ", concurrency=" + concurrency + ", threads=" + httpThreads
                + ", jwtSecret=" + (jwtSecret.isPresent() ? "(set)" : "(data directory)") + ", iss=" + jwtIssuer + ", aud=" + jwtAudience
                + ", tokenLifetime=" + tokenLifetime + ", trustedIssuer=" + trustedIssuer.map(Object::toString).orElse("none") + "]";
    }
}
