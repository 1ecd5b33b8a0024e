/**
 * An API Gateway HTTP API on 127.0.0.1, the way {@code sam local start-api} stands in for one: the
 * {@link io.musicrec.local.stack.gateway.Routes} of the deployment, each request turned into a
 * payload-2.0 event by {@link io.musicrec.local.stack.gateway.HttpApiEvents}, the JWT authorizer
 * in front ({@code io.musicrec.local.stack.auth}), the function's response written back by {@link
 * io.musicrec.local.stack.gateway.HttpGateway}, and the local-only routes under {@code /local/}
 * ({@link io.musicrec.local.stack.gateway.LocalRoutes}), answering this machine only, and the web
 * app's files at {@code /} ({@link io.musicrec.local.stack.gateway.WebApp}). Built on Netty's HTTP
 * codec, so every answer, to any bytes, is JSON (the web app's files aside); no handler code and no
 * framework here.
 */
package io.musicrec.local.stack.gateway;
