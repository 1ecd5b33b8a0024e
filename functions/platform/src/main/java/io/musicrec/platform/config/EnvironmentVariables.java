package io.musicrec.platform.config;

import io.musicrec.cache.RedisConnection;
import io.musicrec.platform.budget.TimeBudget;

/**
 * The name of every environment variable the functions read: the one place to look a name up.
 * What each holds and its default are in the settings record that reads it (Redis and Spotify are
 * read by their adapters: {@code io.musicrec.cache.RedisConnection}, {@code io.musicrec.platform.songs}).
 */
public final class EnvironmentVariables {

    /**
     * The function's timeout in whole seconds, as template.yaml sets it (its {@code Timeout}): every
     * client's bounds are derived from it ({@code io.musicrec.platform.budget.TimeBudget}).
     */
    public static final String FUNCTION_TIMEOUT_SECONDS = TimeBudget.VARIABLE;

    /** PostgreSQL: {@code jdbc:postgresql://host:port/db} or {@code postgres://user:pass@host:port/db}. */
    public static final String DATABASE_URL = "DATABASE_URL";
    /** PostgreSQL user; overrides one in {@link #DATABASE_URL}. */
    public static final String DATABASE_USER = "DATABASE_USER";
    /**
     * PostgreSQL password; overrides one in {@link #DATABASE_URL}. A secret: never printed. Local
     * runs only: on AWS the password is the {@link #SECRET_ARN} secret's {@code database_password}.
     */
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";

    /**
     * The ARN of the Secrets Manager secret (a JSON object) holding the database password, the
     * Redis auth token and the Spotify credentials, read at cold start. Unset (local runs): the plain
     * variables {@link #DATABASE_PASSWORD}, {@link #REDIS_URL}'s user info and {@link
     * #SPOTIFY_CLIENT_ID} / {@link #SPOTIFY_CLIENT_SECRET} serve instead.
     */
    public static final String SECRET_ARN = "SECRET_ARN";
    /** Optional Secrets Manager endpoint override (a local stand-in); unset on AWS. */
    public static final String SECRETS_MANAGER_ENDPOINT = "SECRETS_MANAGER_ENDPOINT";

    /**
     * Redis: {@code redis://host:port} or {@code rediss://...}; read and validated by the cache
     * module's {@link RedisConnection} (the read function has only that module), named here too.
     */
    public static final String REDIS_URL = RedisConnection.REDIS_URL;

    /** The SQS queue URL recalculation requests go to. */
    public static final String QUEUE_URL = "QUEUE_URL";
    /** Optional SQS endpoint override ({@code http://127.0.0.1:9324} for ElasticMQ). */
    public static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    /** Optional S3 endpoint override ({@code http://127.0.0.1:PORT} for s3proxy); path-style access. */
    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    /** The AWS region; set by Lambda itself, {@code us-east-1} when absent (local runs). */
    public static final String AWS_REGION = "AWS_REGION";
    /** Static access key, used only together with an endpoint override (local servers). */
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    /** Static secret key, used only together with an endpoint override. A secret: never printed. */
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

    /** The S3 bucket holding the models. */
    public static final String MODEL_BUCKET = "MODEL_BUCKET";
    /** The key prefix of the models in {@link #MODEL_BUCKET}, e.g. {@code models}. */
    public static final String MODEL_KEY = "MODEL_KEY";

    /** How many artists a recalculation recommends: 1..500, default 100. */
    public static final String NUMBER_OF_ARTISTS = "NUMBER_OF_ARTISTS";
    /** How the worker recommends: {@code quota} (default), {@code hybrid}, {@code fold-in} or {@code popular}. */
    public static final String RECOMMENDER_MODE = "RECOMMENDER_MODE";

    /** Spotify client-credentials id; without it songs are left out. */
    public static final String SPOTIFY_CLIENT_ID = "SPOTIFY_CLIENT_ID";
    /** Spotify client secret. A secret: never printed. */
    public static final String SPOTIFY_CLIENT_SECRET = "SPOTIFY_CLIENT_SECRET";
    /** Spotify Web API base URL, {@code https://api.spotify.com} by default. */
    public static final String SPOTIFY_API_URL = "SPOTIFY_API_URL";
    /** Spotify accounts service base URL, {@code https://accounts.spotify.com} by default. */
    public static final String SPOTIFY_ACCOUNTS_URL = "SPOTIFY_ACCOUNTS_URL";

    /**
     * {@code scalar} makes the ALS and scan kernels plain Java even where the Vector API is available
     * (benchmarks; comparing the two). The engine, which imports nothing of ours, reads the same name.
     */
    public static final String MUSICREC_KERNELS = "MUSICREC_KERNELS";

    private EnvironmentVariables() {
    }
}
