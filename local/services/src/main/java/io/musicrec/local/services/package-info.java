/**
 * Real servers inside the JVM (or child processes unpacked from Maven artifacts), for the integration
 * tests and the local stack: PostgreSQL, Redis, SQS, S3, and stand-ins for Spotify and Secrets
 * Manager; {@link io.musicrec.local.services.LocalServices} starts what is needed. Each listens on
 * 127.0.0.1 only. Nothing here is production code.
 */
package io.musicrec.local.services;
