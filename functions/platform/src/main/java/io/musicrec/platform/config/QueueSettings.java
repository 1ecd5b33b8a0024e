package io.musicrec.platform.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The recalculation queue: its URL and, for ElasticMQ, the endpoint to talk to.
 *
 * @param queueUrl the queue URL ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME} on AWS)
 * @param endpoint the SQS endpoint override, absent on AWS
 * @param aws      region and (with an override) static keys
 */
public record QueueSettings(URI queueUrl, Optional<URI> endpoint, AwsSettings aws) {

    /** All parts are required. */
    public QueueSettings {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(aws, "aws");
    }

    /** Reads {@code QUEUE_URL} (required), {@code SQS_ENDPOINT} and the AWS settings. */
    public static QueueSettings from(Environment environment) {
        URI queueUrl = environment.url(EnvironmentVariables.QUEUE_URL, false, "https", "http")
                .orElseThrow(() -> new ConfigurationException(EnvironmentVariables.QUEUE_URL, "is missing"));
        if (queueUrl.getPath() == null || queueUrl.getPath().length() <= 1) {
            throw new ConfigurationException(EnvironmentVariables.QUEUE_URL,
                    "must be a queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/recalculations, got "
                            + Environment.quote(queueUrl.toString()));
        }
        Optional<URI> endpoint = environment.url(EnvironmentVariables.SQS_ENDPOINT, false, "http", "https");
        return new QueueSettings(queueUrl, endpoint, AwsSettings.from(environment));
    }
}
