/**
 * The API function: {@link io.musicrec.api.ApiHandler} (what Lambda calls), the configuration it
 * reads once per cold start ({@link io.musicrec.api.ApiConfiguration}) and the clients and services
 * built from it ({@link io.musicrec.api.ApiComponents}). Each route's request, domain service and
 * endpoint are in their own package ({@code plays}, {@code artists}); the HTTP edge they share is
 * {@code io.musicrec.http} (functions/http). Adapters come from the platform module, whose Redis,
 * S3 and Spotify dependencies this function's build excludes: its routes need PostgreSQL and SQS only.
 */
package io.musicrec.api;
