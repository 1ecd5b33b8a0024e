package io.musicrec.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.local.stack.lambda.FunctionInstance;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.metrics.Metrics;
import java.time.Clock;

/**
 * One instance of the outbox sweep function for the local stack, wired as {@link
 * OutboxSweepHandler#OutboxSweepHandler()} wires it, from the environment the stack hands it. Its
 * metric lines go to this class's log at debug level rather than to stdout, where a line every few
 * seconds would bury the stack's own output.
 *
 * <p>Part of the local stack's jar, not the function's: it sits in the handler's package only to
 * reach the package-private constructor.
 */
public final class LocalOutboxSweepFunction {


    private LocalOutboxSweepFunction() {
    }

    /**
     * Reads the configuration and connects, as a cold start does.
     *
     * @param environment the function's variables (the same names as on Lambda)
     * @param clock       the function's clock
     * @throws io.musicrec.platform.config.ConfigurationException naming a missing or malformed variable
     */
    public static FunctionInstance<ScheduledEvent, String> create(Environment environment, Clock clock) {
        ApiComponents components = ApiComponents.connect(ApiConfiguration.from(environment), clock);
        Metrics metrics = Metrics.toStdout(OutboxSweepHandler.SERVICE);
        return new FunctionInstance<>(new OutboxSweepHandler(components, metrics, clock), components);
    }
}
