/**
 * An API Gateway HTTP API on 127.0.0.1, as {@code sam local start-api} stands in for one: the
 * deployment's {@link io.musicrec.local.stack.gateway.Routes}, requests turned into payload-2.0 events,
 * the JWT authorizer in front, plus the local-only routes and the web app's files. Served by {@link
 * io.musicrec.local.stack.gateway.HttpGateway} on Netty's HTTP codec, so every answer to any bytes is
 * JSON; no handler code and no framework here.
 */
package io.musicrec.local.stack.gateway;
