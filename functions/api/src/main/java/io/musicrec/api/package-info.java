/**
 * The API function: {@link io.musicrec.api.ApiHandler}, its configuration and components; each
 * route's request, service and endpoint in its own package ({@code plays}, {@code artists}). Its build
 * excludes the platform's Redis, S3 and Spotify dependencies: its routes need PostgreSQL and SQS only.
 */
package io.musicrec.api;
