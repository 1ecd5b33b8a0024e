package io.musicrec.platform.secrets;

import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One Secrets Manager secret's current text ({@code GetSecretValue}, stage {@code AWSCURRENT}),
 * through the SDK client: the Parameters and Secrets Lambda Extension authenticates callers with
 * {@code AWS_SESSION_TOKEN}, which SnapStart functions do not have (bench/README.md, "Secrets").
 */
public final class SecretsManagerSecret implements Secrets.Source, AutoCloseable {

    private final SecretsManagerClient client;
    private final String secretId;

    /**
     * @param client   the client (closed with this)
     * @param secretId the secret's ARN
     */
    public SecretsManagerSecret(SecretsManagerClient client, String secretId) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
    }

    @Override
    public String read() {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (SdkException e) {
            throw new SecretsException("cannot read the secret " + secretId + ": " + e.getMessage(), e);
        }
        if (response.secretString() == null) {
            throw new SecretsException("the secret " + secretId + " holds binary data, not a JSON text");
        }
        return response.secretString();
    }

    @Override
    public void close() {
        client.close();
    }
}
