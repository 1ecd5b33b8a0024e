package io.musicrec.platform.secrets;

import io.musicrec.cache.RedisConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret's {@value Secrets#REDIS_AUTH_TOKEN} as the Redis connection asks for it: at every
 * handshake, renewed when Redis refuses it. A class of its own so that {@link Secrets} loads in the
 * functions without Redis (the trainer).
 */
public final class SecretRedisToken implements RedisConnection.AuthToken {

    private final Secrets secrets;

    /** The secret's token when the function has a secret, else the URL's ({@link RedisConnection#URL_ONLY}). */
    public static RedisConnection.AuthToken of(Secrets secrets) {
        return secrets.configured() ? new SecretRedisToken(secrets) : RedisConnection.URL_ONLY;
    }

    /** @param secrets the function's secret */
    public SecretRedisToken(Secrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public Optional<String> current() {
        return secrets.value(Secrets.REDIS_AUTH_TOKEN);
    }

    @Override
    public void refresh() {
        secrets.refresh();
    }
}
