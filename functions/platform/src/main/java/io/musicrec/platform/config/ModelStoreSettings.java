package io.musicrec.platform.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the models are: {@code s3://bucket/prefix/...}, and for s3proxy the endpoint to talk to.
 *
 * @param bucket   the bucket
 * @param prefix   the key prefix without leading or trailing slash, e.g. {@code models}
 * @param endpoint the S3 endpoint override (path-style access), absent on AWS
 * @param aws      region and (with an override) static keys
 */
public record ModelStoreSettings(String bucket, String prefix, Optional<URI> endpoint, AwsSettings aws) {

    /** The prefix when {@code MODEL_KEY} is absent. */
    public static final String DEFAULT_PREFIX = "models";

    /** Validates the bucket name (S3's rules, roughly) and the prefix. */
    public ModelStoreSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(aws, "aws");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigurationException(EnvironmentVariables.MODEL_BUCKET,
                    "must be an S3 bucket name (3-63 of a-z, 0-9, '.', '-'), got " + Environment.quote(bucket));
        }
        if (!prefix.matches("[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*")) {
            throw new ConfigurationException(EnvironmentVariables.MODEL_KEY,
                    "must be a key prefix like 'models' or 'prod/models' (no leading, trailing or double slash), got "
                            + Environment.quote(prefix));
        }
    }

    /** Reads {@code MODEL_BUCKET} (required), {@code MODEL_KEY} (default {@code models}), {@code S3_ENDPOINT}, AWS. */
    public static ModelStoreSettings from(Environment environment) {
        String bucket = environment.required(EnvironmentVariables.MODEL_BUCKET);
        String prefix = environment.optional(EnvironmentVariables.MODEL_KEY).orElse(DEFAULT_PREFIX);
        Optional<URI> endpoint = environment.url(EnvironmentVariables.S3_ENDPOINT, false, "http", "https");
        return new ModelStoreSettings(bucket, prefix, endpoint, AwsSettings.from(environment));
    }
}
