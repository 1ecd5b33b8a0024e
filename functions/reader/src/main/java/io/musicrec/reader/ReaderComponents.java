package io.musicrec.reader;

import io.musicrec.cache.RecommendationCache;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.platform.budget.TimeBudget;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.secrets.SecretRedisToken;
import io.musicrec.platform.secrets.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a cold start of the read function opens from {@link ReaderConfiguration}: one Redis
 * connection, its token from the secret when there is one (else the URL's), reopened after a
 * SnapStart restore.
 *
 * @param cache        where the documents are
 * @param restoreHooks what a SnapStart restore renews: registered already; keep them (see {@link RestoreHooks})
 * @param clients      what {@link #close} releases, newest first (tests; a Lambda container just ends)
 */
public record ReaderComponents(RecommendationCache cache, RestoreHooks restoreHooks, OpenedClients clients) implements AutoCloseable {

    /**
     * The read function's time budget: one Redis GET (connecting after a restore too), 40 % of the
     * timeout, and answering.
     */
    public static TimeBudget budget(Duration timeout) {
        TimeBudget budget = TimeBudget.of("the read function", timeout);
        return budget.spend("the document (one Redis command)", 1, redisTimeout(budget));
    }

    private static Duration redisTimeout(TimeBudget budget) {
        return budget.share(0.4);
    }

    /** Connects to the Redis the configuration names. */
    public static ReaderComponents connect(ReaderConfiguration configuration, Clock clock) {
        OpenedClients opened = new OpenedClients("the read function");
        try {
            Secrets secrets = Secrets.open(configuration.secret(), clock, opened);
            RedisConnection redis = opened.add(RedisConnection.fromEnvironment(
                    Map.of(EnvironmentVariables.REDIS_URL, configuration.redisUrl()),
                    redisTimeout(TimeBudget.of("the read function", configuration.timeout())), SecretRedisToken.of(secrets)));
            return over(redis, opened);
        } catch (RuntimeException e) {
            opened.closeAfter(e);
            throw e;
        }
    }

    /** The components over {@code redis}, which a restore reopens; {@code clients} are what {@link #close} releases. */
    static ReaderComponents over(RedisConnection redis, OpenedClients clients) {
        return new ReaderComponents(new RedisRecommendationCache(redis),
                new RestoreHooks("the reader").afterRestore("the Redis connection", redis::reconnect).register(), clients);
    }

    @Override
    public void close() {
        clients.close();
    }
}
