/**
 * The local stack: the whole system on one machine from one command, with no cloud account and no
 * Docker. {@link io.musicrec.local.stack.Main} is the command line; {@link
 * io.musicrec.local.stack.LocalStack} starts (or finds) the services, prepares them on the first start,
 * and runs the real handlers with the same environment variables as on Lambda. The HTTP, authorizer,
 * Lambda and SQS emulation live in the subpackages; load and cold-start measurement in {@code bench/stack}.
 */
package io.musicrec.local.stack;
