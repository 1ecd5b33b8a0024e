package io.musicrec.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.lifecycle.Started;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.queue.OutboxSweep;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The outbox sweep function (scheduled once a minute): runs an {@link OutboxSweep}, so a queued
 * recalculation arrives even when no later play carries it, and returns its report as JSON. Its own
 * function in the API's jar, with the API's configuration and clients, at no cost to the API's cold
 * start. A failing database throws (no metric, which the alarm counts as breaching); a failing queue
 * does not (the age metric shows it).
 */
public final class OutboxSweepHandler implements RequestHandler<ScheduledEvent, String> {

    /** The metrics' one dimension: the function's name, unique per stack, known to the alarm by {@code !Ref}. */
    public static final String FUNCTION_NAME_DIMENSION = "FunctionName";
    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    public static final String SERVICE = "outbox-sweep";

    private final OutboxSweep sweep;
    /** Kept here: CRaC holds them only weakly. */
    private final RestoreHooks restoreHooks;

    /** What Lambda calls: the API function's configuration and clients, metrics to stdout. */
    public OutboxSweepHandler() {
        this(ApiComponents.connect(ApiConfiguration.from(Environment.system()), Clock.systemUTC()),
                Metrics.toStdout(SERVICE), Clock.systemUTC());
    }

    /** The handler as the public constructor builds it, from {@code environment} and {@code clock}, with the clients to close. */
    public static Started<OutboxSweepHandler> create(Environment environment, Clock clock) {
        ApiComponents components = ApiComponents.connect(ApiConfiguration.from(environment), clock);
        return new Started<>(new OutboxSweepHandler(components, Metrics.toStdout(SERVICE), clock), components);
    }

    /**
     * @param components the API function's clients (their relay)
     * @param metrics    where the backlog's metrics go
     * @param clock      what the backlog's age is measured by
     */
    OutboxSweepHandler(ApiComponents components, Metrics metrics, Clock clock) {
        Objects.requireNonNull(components, "components");
        this.sweep = new OutboxSweep(components.relay(), metrics, clock);
        this.restoreHooks = components.restoreHooks();
    }

    /** The hooks Lambda's runtime calls around a snapshot. */
    RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        String functionName = context == null || context.getFunctionName() == null ? "musicrec-outbox-sweep" : context.getFunctionName();
        LongSupplier remaining = context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
        return sweep.sweep(Map.of(FUNCTION_NAME_DIMENSION, functionName), remaining).toJson();
    }
}
