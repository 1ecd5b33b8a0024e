/**
 * Real servers that run inside the JVM (or as child processes unpacked from Maven artifacts), for
 * the integration tests of the other modules and for the local stack: PostgreSQL ({@link
 * io.musicrec.local.services.PostgresServer}), Redis ({@link io.musicrec.local.services.RedisServer}),
 * SQS ({@link io.musicrec.local.services.SqsServer}), S3 ({@link io.musicrec.local.services.S3Server})
 * and stand-ins for the Spotify Web API ({@link io.musicrec.local.services.SpotifyStandIn}) and
 * Secrets Manager's GetSecretValue ({@link io.musicrec.local.services.SecretsManagerStandIn}).
 * {@link io.musicrec.local.services.LocalServices} starts what is needed and uses external endpoints
 * where the environment names them.
 *
 * <p>Each server listens on 127.0.0.1 only, starts in its static {@code start} method and stops in
 * {@code close()}. Nothing here is production code: no AWS client, no JDBC pool, no adapter of ours.
 */
package io.musicrec.local.services;
