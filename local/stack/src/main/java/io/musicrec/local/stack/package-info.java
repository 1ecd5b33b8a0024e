/**
 * The local stack: the whole system on one machine from one command, with no cloud account and no
 * Docker. {@link io.musicrec.local.stack.Main} is the command line; {@link
 * io.musicrec.local.stack.LocalStack} starts (or finds) PostgreSQL, Redis, SQS and S3, prepares
 * them on the first start ({@link io.musicrec.local.stack.Bootstrap}), runs the real handlers behind
 * the gateway and the SQS poller with the same environment variables as on Lambda ({@link
 * io.musicrec.local.stack.FunctionEnvironment}), and stops everything in order. Its own settings
 * are {@link io.musicrec.local.stack.StackSettings}; what it keeps between starts is in the {@link
 * io.musicrec.local.stack.DataDirectory}. The HTTP, authorizer, Lambda and SQS emulation live in
 * the subpackages; the bench (load and cold start) in the {@code bench/stack} module.
 */
package io.musicrec.local.stack;
