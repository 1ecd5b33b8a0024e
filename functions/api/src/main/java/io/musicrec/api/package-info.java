/**
 * The API function: {@link io.musicrec.api.ApiHandler} (what Lambda calls), the configuration it
 * reads once per cold start ({@link io.musicrec.api.ApiConfiguration}) and the clients and services
 * built from it ({@link io.musicrec.api.ApiComponents}). Each route's request, domain service and
 * endpoint are in their own package ({@code users}, {@code plays}, {@code model}, {@code artists});
 * the HTTP edge they share is {@code http}. Adapters come from the platform module.
 */
package io.musicrec.api;
