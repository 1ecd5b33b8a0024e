package io.musicrec.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The bench's client threads, each on its own keep-alive connection; counts the failed requests and keeps the first one's text. */
final class ClientThreads {

    /** What one thread does with its connection. */
    @FunctionalInterface
    interface Work {
        void run(HttpConnection connection) throws IOException;
    }

    private final URI base;
    private final String name;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    ClientThreads(URI base, String name) {
        this.base = base;
        this.name = name;
    }

    /** Starts one more thread doing {@code work}; a connection that fails counts as one error and ends the thread. */
    void start(Work work) {
        Thread thread = new Thread(() -> {
            try (HttpConnection connection = new HttpConnection(base.getHost(), base.getPort())) {
                work.run(connection);
            } catch (IOException e) {
                failed(e.toString());
            }
        }, name + "-" + threads.size());
        thread.start();
        threads.add(thread);
    }

    /** Counts a response that was not the one expected. */
    void failed(HttpConnection.Response response) {
        failed(response.status() + " " + response.body());
    }

    private void failed(String what) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, what);
    }

    /** Waits for every thread to end. */
    void join() {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** {@code errors N}, with the first one's text when there was one. */
    String errors() {
        return "errors " + errors.get() + (firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
    }
}
