/**
 * The HTTP edge every HTTP function shares, independent of any route: which function serves which
 * route ({@link io.musicrec.http.RouteTable}), the caller and the call, the router's checks ({@link
 * io.musicrec.http.Router}), strict JSON and query-string reading, and the one error shape ({@link
 * io.musicrec.http.ClientError}). No domain logic and no adapters. {@code Caller}, {@code HttpEvents},
 * {@code Responses} and {@code RouteTable} touch no JSON library, so the read function never loads Jackson.
 */
package io.musicrec.http;
