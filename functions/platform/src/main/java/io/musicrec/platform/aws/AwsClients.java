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
 * Builds the SDK clients the adapters use, once per cold start: the URL-connection HTTP client (no
 * Netty next to Lettuce's, no Apache client, a faster cold start), the region, and credentials
 * from the default chain on AWS or static keys where an endpoint override names a local server.
 *
 * <p>Timeouts are sized for the caller. SQS is called from a request: a queue that does not
 * answer must fail within seconds so the play is answered and the outbox keeps the message. S3
 * serves model files of several megabytes, so its calls may take longer.
 *
 * <p>Nothing to renew after a SnapStart restore. The URL-connection client pools no connections
 * itself: the JDK's keep-alive cache does, one per JVM (so rebuilding an SDK client would not touch
 * it), and it hands out an idle connection only within the keep-alive time (5 s unless the server
 * names one), judged by the wall clock, which moved on by the snapshot's age. Credentials on AWS
 * come from the default chain, which on SnapStart is the container endpoint, refreshed as they expire.
 */
public final class AwsClients {

    /** SQS: the whole call, retries included. */
    public static final Duration SQS_CALL_TIMEOUT = Duration.ofSeconds(3);
    /** S3: the whole call, retries included. */
    public static final Duration S3_CALL_TIMEOUT = Duration.ofSeconds(60);

    private AwsClients() {
    }

    /**
     * An SQS client that gives up fast: 1 s to connect, 1.5 s per attempt (SQS answers in tens of
     * milliseconds), 2 attempts, {@link #SQS_CALL_TIMEOUT} in all.
     */
    public static SqsClient sqs(QueueSettings settings) {
        var builder = SqsClient.builder()
                .httpClient(http(Duration.ofSeconds(1), Duration.ofMillis(1500)))
                .region(Region.of(settings.aws().region()))
                .credentialsProvider(credentials(settings.aws(), settings.endpoint()))
                .overrideConfiguration(timeouts(Duration.ofMillis(1500), SQS_CALL_TIMEOUT, 2));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Attempts per S3 call: one more than the idle connections the JDK keeps per server ({@code
     * http.maxConnections}, 5). The URL-connection client reuses those connections, and an upload
     * written into one the server has closed fails ("Error writing request body to server") without
     * the transparent retry a GET gets; when the server dropped them all, every attempt takes the
     * next dead one. With three attempts that failed a pointer upload to s3proxy in about one full
     * test run in seven; six outlast the cache. {@link #S3_CALL_TIMEOUT} still bounds the call.
     */
    static final int S3_ATTEMPTS = 6;

    /**
     * An S3 client for model files: 2 s to connect, 30 s per attempt, {@value #S3_ATTEMPTS}
     * attempts, {@link #S3_CALL_TIMEOUT} in all; path-style addressing with an endpoint override
     * (s3proxy).
     */
    public static S3Client s3(ModelStoreSettings settings) {
        var builder = S3Client.builder()
                .httpClient(http(Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .region(Region.of(settings.aws().region()))
                .credentialsProvider(credentials(settings.aws(), settings.endpoint()))
                .overrideConfiguration(timeouts(Duration.ofSeconds(30), S3_CALL_TIMEOUT, S3_ATTEMPTS));
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    /** Secrets Manager: the whole call, retries included. */
    public static final Duration SECRETS_CALL_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A Secrets Manager client for one small read at cold start and after a refused login: 1 s to
     * connect, 2 s per attempt, 2 attempts, {@link #SECRETS_CALL_TIMEOUT} in all (a reader's
     * request, 5 s in all, may be the one that reads it again).
     */
    public static SecretsManagerClient secretsManager(SecretSettings settings) {
        var builder = SecretsManagerClient.builder()
                .httpClient(http(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .region(Region.of(settings.aws().region()))
                .credentialsProvider(credentials(settings.aws(), settings.endpoint()))
                .overrideConfiguration(timeouts(Duration.ofSeconds(2), SECRETS_CALL_TIMEOUT, 2));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static SdkHttpClient http(Duration connect, Duration socket) {
        return UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(socket).build();
    }

    private static ClientOverrideConfiguration timeouts(Duration attempt, Duration call, int attempts) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attempt)
                .apiCallTimeout(call)
                .retryStrategy(retry -> retry.maxAttempts(attempts))
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
