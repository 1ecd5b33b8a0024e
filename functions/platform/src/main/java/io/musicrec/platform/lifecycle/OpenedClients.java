package io.musicrec.platform.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The clients a function opened at cold start, closed newest first: by {@link #closeAfter} when the
 * start fails part way, or by {@link #close} when its components are closed (tests; a Lambda
 * container just ends). Not thread-safe: one cold start fills it.
 */
public final class OpenedClients implements AutoCloseable {

    private final String owner;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** @param owner whose clients they are, for the close failure's message, e.g. {@code the worker} */
    public OpenedClients(String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Keeps {@code client} to close later; returns it. */
    public <T extends AutoCloseable> T add(T client) {
        opened.push(Objects.requireNonNull(client, "client"));
        return client;
    }

    /**
     * Closes everything after a failed start; what fails to close is added to {@code startFailure}
     * as suppressed, so the start's own exception is the one thrown.
     */
    public void closeAfter(RuntimeException startFailure) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                startFailure.addSuppressed(e);
            }
        }
    }

    /**
     * Closes everything, newest first, each even when an earlier one fails.
     *
     * @throws IllegalStateException when any failed to close: the first as its cause, the rest suppressed
     */
    @Override
    public void close() {
        IllegalStateException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + owner + "'s clients", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
