/**
 * The cold-start runner: a main that runs in a fresh JVM next to a function's shaded jar (and the
 * Lambda serialization library, which the runtime brings on Lambda), reads one event file the way
 * the Java runtime does, builds the handler with its public constructor and handles the event once.
 * It is packaged alone ({@code musicrec-bench-stack-coldstart.jar}) and uses nothing of the stack, so the
 * function's jar is all that is measured.
 */
package io.musicrec.bench.coldstart;
