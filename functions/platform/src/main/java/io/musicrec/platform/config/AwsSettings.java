package io.musicrec.platform.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The AWS region and, for local servers only, static keys: on Lambda the default credential chain
 * (the function's role) is right, so {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are
 * read only where an endpoint override points at a local server.
 */
public record AwsSettings(String region, Optional<Keys> keys) {

    /** The region used when {@code AWS_REGION} is absent (local runs; Lambda always sets it). */
    public static final String DEFAULT_REGION = "us-east-1";

    /** The region must look like one ({@code xx-name-1}); keys may be absent. */
    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(keys, "keys");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new ConfigurationException(EnvironmentVariables.AWS_REGION,
                    "must be an AWS region like us-east-1, got " + Environment.quote(region));
        }
    }

    /**
     * A static access key pair.
     *
     * @param accessKeyId     the key id
     * @param secretAccessKey the secret; never printed
     */
    public record Keys(String accessKeyId, String secretAccessKey) {
        /** Both parts are required. */
        public Keys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        /** The key id only. */
        @Override
        public String toString() {
            return "Keys[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
        }
    }

    /** Reads {@code AWS_REGION} (default us-east-1) and the static keys (both or neither). */
    public static AwsSettings from(Environment environment) {
        String region = environment.optional(EnvironmentVariables.AWS_REGION).orElse(DEFAULT_REGION);
        Optional<String> id = environment.optional(EnvironmentVariables.AWS_ACCESS_KEY_ID);
        Optional<String> secret = environment.optional(EnvironmentVariables.AWS_SECRET_ACCESS_KEY);
        if (id.isPresent() != secret.isPresent()) {
            String missing = id.isPresent() ? EnvironmentVariables.AWS_SECRET_ACCESS_KEY : EnvironmentVariables.AWS_ACCESS_KEY_ID;
            String present = id.isPresent() ? EnvironmentVariables.AWS_ACCESS_KEY_ID : EnvironmentVariables.AWS_SECRET_ACCESS_KEY;
            throw new ConfigurationException(missing, "is missing while " + present + " is set (set both or neither)");
        }
        return new AwsSettings(region, id.map(key -> new Keys(key, secret.get())));
    }
}
