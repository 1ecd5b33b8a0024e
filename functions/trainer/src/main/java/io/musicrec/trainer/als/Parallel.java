package io.musicrec.trainer.als;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work over row ranges on a fixed pool. Rows are handed out in chunks on demand, so a few
 * heavy users do not stall one thread; results must not depend on which thread ran a chunk (each
 * row's solve only reads the fixed side), which keeps training deterministic.
 */
final class Parallel implements AutoCloseable {
    /** Work on rows {@code [from, to)}, with a per-thread scratch object. */
    interface ChunkTask<S> {
        void run(int chunk, int from, int to, S scratch);
    }

    private final int threads;
    private final ExecutorService pool;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();

    Parallel(int threads) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "als-" + n.incrementAndGet());
            t.setDaemon(true);
            workers.add(t);
            return t;
        });
    }

    /**
     * CPU seconds the pool's threads have used so far (-1 where the JVM cannot tell). On a busy
     * machine wall time measures the neighbours too; CPU time measures the work.
     */
    double cpuSeconds() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (Thread t : workers) {
            long ns = mx.getThreadCpuTime(t.threadId());
            if (ns > 0) {
                total += ns;
            }
        }
        return total / 1e9;
    }

    int threads() {
        return threads;
    }

    static int chunks(int rows, int chunkSize) {
        return (rows + chunkSize - 1) / chunkSize;
    }

    <S> void forEachChunk(int rows, int chunkSize, java.util.function.Supplier<S> scratch, ChunkTask<S> task) {
        int chunks = chunks(rows, chunkSize);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                S s = scratch.get();
                int c;
                while ((c = next.getAndIncrement()) < chunks) {
                    int from = c * chunkSize;
                    task.run(c, from, Math.min(rows, from + chunkSize), s);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
