package io.musicrec.local.stack.lambda;

import io.musicrec.local.services.InvocationContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm instances of one function, used as Lambda uses containers: one event at a time per
 * instance, so handlers written for one request per container are never called concurrently. A busy
 * pool starts a new (cold, logged) instance up to the concurrency limit, else the event waits up to
 * the function's timeout and fails as throttled. The most recently used instance goes first.
 */
public final class FunctionPool<I, O> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionPool.class);

    /**
     * How the function is configured, as in a deployment template.
     *
     * @param name            the function's name, in logs and its context
     * @param maxInstances    the concurrency limit, ≥ 1
     * @param timeout         how long one invocation may take (its context counts down from it)
     * @param memoryMegabytes what the context reports as the memory size
     * @param region          the region in the function's ARN
     */
    public record Settings(String name, int maxInstances, Duration timeout, int memoryMegabytes, String region) {

        /** A name, a positive limit and timeout. */
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(region, "region");
            if (maxInstances < 1) {
                throw new IllegalArgumentException(name + ": maxInstances must be >= 1, got " + maxInstances);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + ": timeout must be positive, got " + timeout);
            }
        }
    }

    private final Settings settings;
    private final Supplier<FunctionInstance<I, O>> factory;
    private final Clock clock;
    private final LinkedBlockingDeque<FunctionInstance<I, O>> idle = new LinkedBlockingDeque<>();
    private final List<FunctionInstance<I, O>> started = new ArrayList<>();
    private int starting;
    private boolean closed;

    /**
     * A pool with no instance yet.
     *
     * @param settings the function's configuration
     * @param factory  builds one instance, as a cold start does (reads configuration, connects)
     * @param clock    the invocations' deadlines
     */
    public FunctionPool(Settings settings, Supplier<FunctionInstance<I, O>> factory, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The function's configuration. */
    public Settings settings() {
        return settings;
    }

    /**
     * Hands {@code event} to an instance, as one invocation.
     *
     * @param requestId the invocation's id, in its context
     * @return what the handler returned
     * @throws FunctionThrottledException when no instance came free within the timeout
     * @throws RuntimeException           what the handler or a cold start threw
     */
    public O invoke(I event, String requestId) {
        FunctionInstance<I, O> instance = acquire();
        try {
            InvocationContext context = new InvocationContext(requestId, settings.name(), settings.region(),
                    settings.memoryMegabytes(), clock.instant().plus(settings.timeout()), clock);
            return instance.handler().handleRequest(event, context);
        } finally {
            release(instance);
        }
    }

    /** Starts an instance now unless one is warm, so that the first request does not pay the cold start. */
    public void warm() {
        release(acquire());
    }

    /** How many instances have started (and not failed to). */
    public synchronized int instances() {
        return started.size();
    }

    private FunctionInstance<I, O> acquire() {
        FunctionInstance<I, O> instance = idle.pollFirst();
        if (instance != null) {
            return instance;
        }
        boolean startOne;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(settings.name() + " is stopped");
            }
            startOne = started.size() + starting < settings.maxInstances();
            if (startOne) {
                starting++;
            }
        }
        if (startOne) {
            return start();
        }
        try {
            instance = idle.pollFirst(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(settings.name() + ": interrupted while waiting for an instance", e);
        }
        if (instance == null) {
            throw new FunctionThrottledException(settings.name(), settings.maxInstances());
        }
        return instance;
    }

    private FunctionInstance<I, O> start() {
        long begin = System.nanoTime();
        FunctionInstance<I, O> instance;
        try {
            instance = factory.get();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                starting--;
            }
            LOG.atError().addKeyValue("function", settings.name()).addKeyValue("error", e.toString()).log("cold start failed");
            throw e;
        }
        int number;
        synchronized (this) {
            starting--;
            started.add(instance);
            number = started.size();
        }
        LOG.atInfo().addKeyValue("function", settings.name()).addKeyValue("instance", number)
                .addKeyValue("millis", (System.nanoTime() - begin) / 1_000_000).log("instance started cold");
        return instance;
    }

    private void release(FunctionInstance<I, O> instance) {
        synchronized (this) {
            if (closed) {
                closeQuietly(instance);
                return;
            }
        }
        idle.offerFirst(instance);
    }

    /** Closes every idle instance now and each busy one when its invocation ends. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        FunctionInstance<I, O> instance;
        while ((instance = idle.pollFirst()) != null) {
            closeQuietly(instance);
        }
    }

    private void closeQuietly(FunctionInstance<I, O> instance) {
        try {
            instance.resources().close();
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("function", settings.name()).addKeyValue("error", e.toString()).log("an instance did not close cleanly");
        }
    }
}
