/**
 * The HTTP edge every HTTP function shares, independent of any route: which function serves which
 * route ({@link io.musicrec.http.RouteTable}), the caller and the call, the router's checks ({@link
 * io.musicrec.http.Router}), strict JSON and query-string reading, and the one error shape ({@link
 * io.musicrec.http.ClientError}). No domain logic and no adapters. {@code Caller}, {@code HttpEvents},
 * {@code HttpResponse}, {@code Router} and {@code RouteTable} use jackson-core at most, so the read function
 * never starts jackson-databind.
 */
package io.musicrec.http;
