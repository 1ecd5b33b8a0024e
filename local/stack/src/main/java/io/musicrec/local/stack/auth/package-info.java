/**
 * The JWT authorizer of the API Gateway HTTP API, emulated with one local HS256 secret: {@link
 * io.musicrec.local.stack.auth.Hs256Jwt} signs and verifies compact JWTs, {@link
 * io.musicrec.local.stack.auth.JwtAuthorizer} checks a request's bearer token (signature, expiry,
 * issuer, audience) and turns its claims into what API Gateway puts in the event, and issues the
 * tokens of {@code POST /local/token}; {@link io.musicrec.local.stack.auth.TrustedIssuer} adds an
 * OIDC issuer's RS256 tokens (a hosted-UI sign-in) checked against its JWKS. Nothing here knows
 * HTTP or the handlers.
 */
package io.musicrec.local.stack.auth;
