package io.musicrec.local.stack.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionPoolTest {

    /** An instance that counts its concurrent calls and can be held inside a call. */
    private static final class Instance {
        final int number;
        final AtomicInteger inside = new AtomicInteger();
        volatile int mostInside;
        volatile boolean closed;

        Instance(int number) {
            this.number = number;
        }
    }

    private static FunctionPool<CountDownLatch, Integer> pool(int max, Duration timeout, Set<Instance> made) {
        AtomicInteger numbers = new AtomicInteger();
        return new FunctionPool<>(new FunctionPool.Settings("f", max, timeout, 128, "us-east-1"), () -> {
            Instance instance = new Instance(numbers.incrementAndGet());
            made.add(instance);
            RequestHandler<CountDownLatch, Integer> handler = (release, context) -> {
                instance.mostInside = Math.max(instance.mostInside, instance.inside.incrementAndGet());
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                instance.inside.decrementAndGet();
                return instance.number;
            };
            return new FunctionInstance<>(handler, () -> instance.closed = true);
        }, Clock.systemUTC());
    }

    @Test
    void aWarmInstanceIsReusedForSequentialEvents() {
        Set<Instance> made = ConcurrentHashMap.newKeySet();
        FunctionPool<CountDownLatch, Integer> pool = pool(4, Duration.ofSeconds(5), made);
        CountDownLatch open = new CountDownLatch(0);

        assertEquals(1, pool.invoke(open, "1"));
        assertEquals(1, pool.invoke(open, "2"));
        assertEquals(1, pool.instances());
    }

    @Test
    void concurrentEventsStartMoreInstancesUpToTheLimitAndNeverShareOne() throws Exception {
        Set<Instance> made = ConcurrentHashMap.newKeySet();
        FunctionPool<CountDownLatch, Integer> pool = pool(3, Duration.ofSeconds(5), made);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] callers = new Thread[5];
        for (int i = 0; i < callers.length; i++) {
            callers[i] = new Thread(() -> pool.invoke(release, "x"));
            callers[i].start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.instances() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertEquals(3, pool.instances());
        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(3, made.size());
        made.forEach(instance -> assertEquals(1, instance.mostInside, "one event at a time per instance"));
    }

    @Test
    void anEventThatFindsEveryInstanceBusyPastTheTimeoutIsThrottled() throws Exception {
        Set<Instance> made = ConcurrentHashMap.newKeySet();
        FunctionPool<CountDownLatch, Integer> pool = pool(1, Duration.ofMillis(200), made);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> pool.invoke(release, "busy"));
        busy.start();
        while (pool.instances() < 1) {
            Thread.sleep(5);
        }

        assertThrows(FunctionThrottledException.class, () -> pool.invoke(new CountDownLatch(0), "second"));
        release.countDown();
        busy.join();
    }

    @Test
    void closingClosesEveryInstance() {
        Set<Instance> made = ConcurrentHashMap.newKeySet();
        FunctionPool<CountDownLatch, Integer> pool = pool(2, Duration.ofSeconds(5), made);
        pool.warm();

        pool.close();

        assertTrue(made.stream().allMatch(instance -> instance.closed));
        assertThrows(IllegalStateException.class, () -> pool.invoke(new CountDownLatch(0), "late"));
    }

    @Test
    void theContextCountsDownFromTheFunctionsTimeout() {
        FunctionPool<String, Integer> pool = new FunctionPool<>(new FunctionPool.Settings("g", 1, Duration.ofSeconds(30), 512, "eu-west-1"),
                () -> new FunctionInstance<String, Integer>((event, context) -> context.getRemainingTimeInMillis(), () -> { }),
                Clock.fixed(java.time.Instant.parse("2026-11-28T00:00:00Z"), java.time.ZoneOffset.UTC));

        assertEquals(30_000, pool.invoke("e", "id"));
    }
}
