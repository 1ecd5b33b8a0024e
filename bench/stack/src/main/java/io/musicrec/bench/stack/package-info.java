/**
 * The bench: figures, not tests, measured against the running local stack over HTTP. {@link
 * io.musicrec.bench.stack.Bench} records plays per second with concurrent clients (each its
 * own user and token), {@code GET /recommendations} latency at a steady rate, and the API and read
 * functions' jar sizes and cold starts (a fresh JVM per run, through the {@code coldstart} runner).
 * {@link io.musicrec.bench.stack.HttpConnection} is a minimal keep-alive HTTP/1.1 client, so
 * that the load generator costs the shared CPUs as little as it can.
 */
package io.musicrec.bench.stack;
