package io.musicrec.platform.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the function's secret is: the Secrets Manager secret's ARN and, for a local stand-in, the
 * endpoint to ask. No ARN means no secret: the plain variables serve (local runs).
 *
 * @param secretArn the secret's ARN, absent locally
 * @param endpoint  the Secrets Manager endpoint override, absent on AWS
 * @param aws       region and (with an override) static keys
 */
public record SecretSettings(Optional<String> secretArn, Optional<URI> endpoint, AwsSettings aws) {

    /** The ARN, when present, must be a Secrets Manager one. */
    public SecretSettings {
        Objects.requireNonNull(secretArn, "secretArn");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(aws, "aws");
        secretArn.ifPresent(arn -> {
            if (!arn.matches("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+")) {
                throw new ConfigurationException(EnvironmentVariables.SECRET_ARN,
                        "must be a Secrets Manager secret ARN like arn:aws:secretsmanager:us-east-1:123456789012:secret:musicrec-AbCdEf, got "
                                + Environment.quote(arn));
            }
        });
    }

    /** No secret: the plain variables serve. */
    public static SecretSettings none() {
        return new SecretSettings(Optional.empty(), Optional.empty(), new AwsSettings(AwsSettings.DEFAULT_REGION, Optional.empty()));
    }

    /** Reads {@code SECRET_ARN}, {@code SECRETS_MANAGER_ENDPOINT} and the AWS settings. */
    public static SecretSettings from(Environment environment) {
        return new SecretSettings(environment.optional(EnvironmentVariables.SECRET_ARN),
                environment.url(EnvironmentVariables.SECRETS_MANAGER_ENDPOINT, false, "http", "https"), AwsSettings.from(environment));
    }
}
