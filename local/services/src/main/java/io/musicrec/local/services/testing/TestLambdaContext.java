package io.musicrec.local.services.testing;

import com.amazonaws.services.lambda.runtime.Context;
import io.musicrec.local.services.InvocationContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The invocation context a test hands a handler, as Lambda would pass it. */
public final class TestLambdaContext {

    private TestLambdaContext() {
    }

    /**
     * A context with a fresh request id, on the system clock.
     *
     * @param functionName    e.g. {@code musicrec-worker}
     * @param memoryLimitInMb what {@link Context#getMemoryLimitInMB()} reports
     * @param remaining       time left from now, as {@link Context#getRemainingTimeInMillis()} counts it down
     */
    public static Context of(String functionName, int memoryLimitInMb, Duration remaining) {
        Clock clock = Clock.systemUTC();
        return new InvocationContext(UUID.randomUUID().toString(), functionName, "us-east-1", memoryLimitInMb,
                clock.instant().plus(remaining), clock);
    }
}
