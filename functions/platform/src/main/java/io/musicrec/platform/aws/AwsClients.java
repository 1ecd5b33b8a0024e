package io.musicrec.platform.aws;

import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.config.SecretSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients once per cold start: the URL-connection HTTP client (no second Netty beside
 * Lettuce's, a faster cold start), credentials from the default chain on AWS or static keys for a
 * local endpoint. Must not miss: a call's worst case is its {@link Limits#call()}, every attempt and
 * back-off included, taken from the function's time budget ({@link Limits#within}); the trainer uses
 * {@link #S3_JOB_LIMITS}. Nothing needs renewing after a SnapStart restore: the JDK's keep-alive cache
 * hands out idle connections only within their keep-alive time, judged by the wall clock.
 */
public final class AwsClients {

    /**
     * How long an SDK call may take.
     *
     * @param connect  opening a connection
     * @param attempt  one attempt: the connection's read timeout too (a server that stops sending
     *                 fails the attempt)
     * @param call     the whole call, every attempt and back-off included: its worst case
     * @param attempts how many attempts, at most
     */
    public record Limits(Duration connect, Duration attempt, Duration call, int attempts) {

        /** Positive durations, an attempt no longer than the call, at least one attempt. */
        public Limits {
            for (Duration d : new Duration[] {connect, attempt, call}) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive, got " + d);
                }
            }
            if (attempt.compareTo(call) > 0 || attempts < 1) {
                throw new IllegalArgumentException("an attempt (" + attempt + ") must fit in the call (" + call + "), attempts >= 1");
            }
        }

        /**
         * Limits for a call that may take {@code call} in all, in {@code attempts} equal attempts,
         * connecting within a quarter of one (at most 2 s).
         */
        public static Limits within(Duration call, int attempts) {
            Duration attempt = call.dividedBy(attempts);
            Duration connect = attempt.dividedBy(4).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : attempt.dividedBy(4);
            return new Limits(connect, attempt, call, attempts);
        }
    }

    /**
     * Attempts per S3 call of a job: one more than the idle connections the JDK keeps per server
     * ({@code http.maxConnections}, 5). The URL-connection client reuses those connections, and an
     * upload written into one the server has closed fails ("Error writing request body to server")
     * without the transparent retry a GET gets; when the server dropped them all, every attempt takes
     * the next dead one. With three attempts that failed a pointer upload to s3proxy in about one full
     * test run in seven; six outlast the cache.
     */
    static final int S3_ATTEMPTS = 6;

    /** S3 for jobs (the trainer's uploads, the CLI): 2 s to connect, 30 s per attempt, 60 s in all. */
    public static final Limits S3_JOB_LIMITS = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60),
            S3_ATTEMPTS);
    /** SQS for tests and tools: 1 s to connect, 1.5 s per attempt, 3 s in all. */
    public static final Limits SQS_DEFAULT_LIMITS = new Limits(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(3), 2);

    private AwsClients() {
    }

    /** An SQS client with {@link #SQS_DEFAULT_LIMITS}. */
    public static SqsClient sqs(QueueSettings settings) {
        return sqs(settings, SQS_DEFAULT_LIMITS);
    }

    /** An SQS client whose calls keep within {@code limits}. */
    public static SqsClient sqs(QueueSettings settings, Limits limits) {
        var builder = SqsClient.builder()
                .httpClient(http(limits))
                .region(Region.of(settings.aws().region()))
                .credentialsProvider(credentials(settings.aws(), settings.endpoint()))
                .overrideConfiguration(timeouts(limits));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An S3 client for model files with {@link #S3_JOB_LIMITS}. */
    public static S3Client s3(ModelStoreSettings settings) {
        return s3(settings, S3_JOB_LIMITS);
    }

    /**
     * An S3 client for model files whose calls keep within {@code limits}; path-style addressing
     * with an endpoint override (s3proxy).
     */
    public static S3Client s3(ModelStoreSettings settings, Limits limits) {
        var builder = S3Client.builder()
                .httpClient(http(limits))
                .region(Region.of(settings.aws().region()))
                .credentialsProvider(credentials(settings.aws(), settings.endpoint()))
                .overrideConfiguration(timeouts(limits));
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    /** Secrets Manager: 1 s to connect, 2 s per attempt, 2 attempts, 5 s in all. */
    public static final Limits SECRETS_LIMITS = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 2);

    /** A Secrets Manager client for one small read at cold start and after a refused login, within {@link #SECRETS_LIMITS}. */
    public static SecretsManagerClient secretsManager(SecretSettings settings) {
        var builder = SecretsManagerClient.builder()
                .httpClient(http(SECRETS_LIMITS))
                .region(Region.of(settings.aws().region()))
                .credentialsProvider(credentials(settings.aws(), settings.endpoint()))
                .overrideConfiguration(timeouts(SECRETS_LIMITS));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static SdkHttpClient http(Limits limits) {
        return UrlConnectionHttpClient.builder().connectionTimeout(limits.connect()).socketTimeout(limits.attempt()).build();
    }

    private static ClientOverrideConfiguration timeouts(Limits limits) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(limits.attempt())
                .apiCallTimeout(limits.call())
                .retryStrategy(retry -> retry.maxAttempts(limits.attempts()))
                .build();
    }

    private static AwsCredentialsProvider credentials(AwsSettings aws, Optional<URI> endpoint) {
        if (endpoint.isPresent() && aws.keys().isPresent()) {
            AwsSettings.Keys keys = aws.keys().get();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
