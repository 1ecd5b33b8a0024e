package io.musicrec.platform.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test opened, closed in one place: newest first, every close attempted, the first failure
 * thrown with the others suppressed. Add each resource as soon as it is open, so a set-up that
 * fails halfway still closes what it had opened.
 */
public final class Teardown implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Closes {@code resource} at {@link #close}, before anything added earlier; returns it. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything added, newest first, and forgets it. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable resource = next(); resource != null; resource = next()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized AutoCloseable next() {
        return opened.poll();
    }
}
