/**
 * The HTTP edge every HTTP function shares, independent of any route: which function serves which
 * route ({@link io.musicrec.http.RouteTable}), the caller ({@link io.musicrec.http.Caller}: the
 * JWT {@code sub}), the request as the routes see it ({@link io.musicrec.http.Call}: caller, query
 * string, body), a function's router ({@link io.musicrec.http.Router}: 404, 405 with {@code Allow},
 * 401, 413), strict JSON reading ({@link io.musicrec.http.StrictJson}, {@link
 * io.musicrec.http.JsonBody}) and query-string reading ({@link io.musicrec.http.QueryString}), and
 * the one error shape every client error takes ({@link io.musicrec.http.ClientError}, written by
 * {@link io.musicrec.http.Responses}). No domain logic and no adapters live here.
 *
 * <p>{@link io.musicrec.http.Caller}, {@link io.musicrec.http.HttpEvents}, {@link
 * io.musicrec.http.Responses} and {@link io.musicrec.http.RouteTable} touch no JSON library: the
 * read function uses them and never initialises Jackson on its path.
 */
package io.musicrec.http;
