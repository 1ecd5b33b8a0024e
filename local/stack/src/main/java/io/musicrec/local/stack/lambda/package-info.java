/**
 * Lambda's execution model. In process: a {@link io.musicrec.local.stack.lambda.FunctionPool} of
 * warm instances per function (each handles one event at a time; new ones start cold up to a
 * concurrency limit, as Lambda adds containers) and the {@link
 * io.musicrec.local.services.InvocationContext} a handler gets. The instances themselves are
 * built by each handler's public {@code create(Environment, Clock)}, the functions' own wiring
 * with the stack's environment. Out of process: {@link
 * io.musicrec.local.stack.lambda.LambdaLaunch}, a function's JVM as the java25 runtime starts it,
 * and {@link io.musicrec.local.stack.lambda.RuntimeApiServer}, the Runtime API its runtime client
 * polls. The gateway and the poller call into this package; the API routes and SQS are theirs.
 */
package io.musicrec.local.stack.lambda;
