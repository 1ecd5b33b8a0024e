/**
 * The HTTP edge of the API function, independent of any route: the request as the routes see it
 * ({@link io.musicrec.api.http.Call}: caller, query string, body), the route table ({@link
 * io.musicrec.api.http.Router}: 404, 405 with {@code Allow}, 401, 413), strict JSON reading
 * ({@link io.musicrec.api.http.StrictJson}, {@link io.musicrec.api.http.JsonBody}) and query-string
 * reading ({@link io.musicrec.api.http.QueryString}), and the one error shape every client error
 * takes ({@link io.musicrec.api.http.ClientError}). No domain logic and no adapters live here.
 */
package io.musicrec.api.http;
