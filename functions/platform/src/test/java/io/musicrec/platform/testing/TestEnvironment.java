package io.musicrec.platform.testing;

import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables a deployed function would have, built from the settings of the test
 * servers: one place that knows which variable carries which setting.
 */
public final class TestEnvironment {

    private final Map<String, String> variables = new HashMap<>();

    private TestEnvironment() {
    }

    /** An empty environment. */
    public static TestEnvironment of() {
        return new TestEnvironment();
    }

    /** {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}. */
    public TestEnvironment database(DatabaseSettings database) {
        variables.put(EnvironmentVariables.DATABASE_URL, database.jdbcUrl());
        variables.put(EnvironmentVariables.DATABASE_USER, database.user());
        variables.put(EnvironmentVariables.DATABASE_PASSWORD, database.password());
        return this;
    }

    /** {@code REDIS_URL}. */
    public TestEnvironment redis(String url) {
        variables.put(EnvironmentVariables.REDIS_URL, url);
        return this;
    }

    /** {@code QUEUE_URL}, {@code SQS_ENDPOINT} when the queue names one, and the queue's keys. */
    public TestEnvironment queue(QueueSettings queue) {
        variables.put(EnvironmentVariables.QUEUE_URL, queue.queueUrl().toString());
        queue.endpoint().ifPresent(endpoint -> variables.put(EnvironmentVariables.SQS_ENDPOINT, endpoint.toString()));
        return keys(queue.aws());
    }

    /** {@code MODEL_BUCKET}, {@code MODEL_KEY}, {@code S3_ENDPOINT} when the settings name one, and the bucket's keys. */
    public TestEnvironment models(ModelStoreSettings models) {
        variables.put(EnvironmentVariables.MODEL_BUCKET, models.bucket());
        variables.put(EnvironmentVariables.MODEL_KEY, models.prefix());
        models.endpoint().ifPresent(endpoint -> variables.put(EnvironmentVariables.S3_ENDPOINT, endpoint.toString()));
        return keys(models.aws());
    }

    /** {@code AWS_REGION}. */
    public TestEnvironment region(AwsSettings aws) {
        variables.put(EnvironmentVariables.AWS_REGION, aws.region());
        return this;
    }

    /** {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, when the settings carry keys. */
    public TestEnvironment keys(AwsSettings aws) {
        aws.keys().ifPresent(keys -> {
            variables.put(EnvironmentVariables.AWS_ACCESS_KEY_ID, keys.accessKeyId());
            variables.put(EnvironmentVariables.AWS_SECRET_ACCESS_KEY, keys.secretAccessKey());
        });
        return this;
    }

    /** The Spotify stand-in's credentials, and Spotify's API and accounts URLs both {@code url} (a stand-in serves both). */
    public TestEnvironment spotify(String url) {
        variables.put(EnvironmentVariables.SPOTIFY_CLIENT_ID, SpotifyStandIn.CLIENT_ID);
        variables.put(EnvironmentVariables.SPOTIFY_CLIENT_SECRET, SpotifyStandIn.CLIENT_SECRET);
        variables.put(EnvironmentVariables.SPOTIFY_API_URL, url);
        variables.put(EnvironmentVariables.SPOTIFY_ACCOUNTS_URL, url);
        return this;
    }

    /** A mutable copy: a test may add or change variables. */
    public Map<String, String> toMap() {
        return new HashMap<>(variables);
    }
}
