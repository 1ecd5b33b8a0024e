/**
 * {@code local/invoke}: one event through one function's real handler in a fresh JVM under AWS's
 * runtime interface client, with the running local stack's configuration, as {@code sam local
 * invoke} does in a container. The Runtime API it serves and the way it starts the JVM are the
 * {@code lambda} package's, which the bench's cold starts share.
 */
package io.musicrec.local.stack.invoke;
