package io.musicrec.local.stack;

import io.musicrec.local.services.DatabaseEndpoint;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.S3Server;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.EnvironmentVariables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the functions get: the process's own variables (so that whatever a user sets for
 * a function, {@code NUMBER_OF_ARTISTS}, {@code RECOMMENDER_MODE}, {@code SPOTIFY_*}, {@code
 * RETRAIN_*}, reaches it as on Lambda), with the stack's values on top: where PostgreSQL, Redis,
 * SQS and S3 are, the queue URL, the bucket, the region, and the s3proxy keys when S3 is embedded
 * (an external S3 gets the user's keys, or the SDK's default chain; ElasticMQ takes any keys).
 * The functions read it with their own configuration code; nothing is translated.
 */
public final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    /**
     * @param process  the process environment
     * @param services the services started or found
     * @param settings the stack's settings (bucket)
     * @return everything but {@code QUEUE_URL}, which the caller adds once the queue exists
     */
    public static Map<String, String> of(Map<String, String> process, LocalServices services, StackSettings settings) {
        Map<String, String> environment = new LinkedHashMap<>(process);
        if (!services.isExternal(LocalServices.Service.POSTGRES)) {
            DatabaseEndpoint database = services.database().orElseThrow();
            environment.put(EnvironmentVariables.DATABASE_URL, database.jdbcUrl());
            environment.put(EnvironmentVariables.DATABASE_USER, database.user());
            environment.put(EnvironmentVariables.DATABASE_PASSWORD, database.password());
        }
        environment.put(EnvironmentVariables.REDIS_URL, services.redisUrl().orElseThrow());
        environment.put(EnvironmentVariables.SQS_ENDPOINT, services.sqsEndpoint().orElseThrow());
        environment.put(EnvironmentVariables.S3_ENDPOINT, services.s3Endpoint().orElseThrow());
        environment.put(EnvironmentVariables.MODEL_BUCKET, settings.bucket());
        environment.putIfAbsent(EnvironmentVariables.AWS_REGION, AwsSettings.DEFAULT_REGION);
        if (!services.isExternal(LocalServices.Service.S3)) {
            environment.put(EnvironmentVariables.AWS_ACCESS_KEY_ID, S3Server.ACCESS_KEY);
            environment.put(EnvironmentVariables.AWS_SECRET_ACCESS_KEY, S3Server.SECRET_KEY);
        }
        return environment;
    }
}
