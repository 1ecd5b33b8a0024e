package io.musicrec.local.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ServerIT {

    private static final String MODEL = "{\"model_id\":\"als-2026-11-28\",\"factors\":32}";

    @Test
    void objectPutIsListedAndReadBack() {
        try (S3Server s3 = S3Server.start(ServerOptions.ephemeral());
                S3Client client = client(s3.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
            s3.createBucket("models");

            client.putObject(b -> b.bucket("models").key("current/manifest.json"), RequestBody.fromString(MODEL));

            List<String> keys = client.listObjectsV2(b -> b.bucket("models").prefix("current/")).contents()
                    .stream().map(S3Object::key).toList();
            assertEquals(List.of("current/manifest.json"), keys);
            String body = client.getObjectAsBytes(b -> b.bucket("models").key("current/manifest.json"))
                    .asString(StandardCharsets.UTF_8);
            assertEquals(MODEL, body);
        }
    }

    @Test
    void requestSignedWithOtherKeysIsRefused() {
        try (S3Server s3 = S3Server.start(ServerOptions.ephemeral());
                S3Client client = client(s3.endpoint(), S3Server.ACCESS_KEY, "not-the-secret")) {
            s3.createBucket("models");

            S3Exception refused = assertThrows(S3Exception.class, () -> client.listObjectsV2(b -> b.bucket("models")));
            assertEquals(403, refused.statusCode());
        }
    }

    @Test
    void objectsSurviveRestartWithTheSameDataDirectory(@TempDir Path directory) {
        ServerOptions options = ServerOptions.ephemeral().withDataDirectory(directory.resolve("s3"));
        try (S3Server s3 = S3Server.start(options);
                S3Client client = client(s3.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
            s3.createBucket("models");
            client.putObject(b -> b.bucket("models").key("current/manifest.json"), RequestBody.fromString(MODEL));
        }

        try (S3Server s3 = S3Server.start(options);
                S3Client client = client(s3.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
            String body = client.getObjectAsBytes(b -> b.bucket("models").key("current/manifest.json"))
                    .asString(StandardCharsets.UTF_8);
            assertEquals(MODEL, body);
        }
    }

    static S3Client client(String endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
