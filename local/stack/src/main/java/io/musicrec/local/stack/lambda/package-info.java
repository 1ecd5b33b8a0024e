/**
 * Lambda's execution model. In process: a {@link io.musicrec.local.stack.lambda.FunctionPool} of warm
 * instances per function (one event at a time each, new ones cold up to a concurrency limit), built
 * by each handler's public {@code create(Environment, Clock)} with the stack's environment.
 * Out of process: {@link io.musicrec.local.stack.lambda.LambdaLaunch}, a function's JVM as the java25
 * runtime starts it, and {@link io.musicrec.local.stack.lambda.RuntimeApiServer}, the Runtime API it polls.
 */
package io.musicrec.local.stack.lambda;
