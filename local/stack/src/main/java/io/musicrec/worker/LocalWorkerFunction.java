package io.musicrec.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.musicrec.local.stack.lambda.FunctionInstance;
import io.musicrec.platform.config.Environment;
import java.time.Clock;

/**
 * One instance of the worker function for the local stack, wired as {@link WorkerHandler#WorkerHandler()}
 * wires it ({@link Worker#fromEnvironment}), but from the environment the stack hands it instead of
 * the JVM's, which cannot be set in process.
 *
 * <p>Part of the local stack's jar, not the function's: it sits in the handler's package only to
 * reach the package-private {@link Worker} and constructor.
 */
public final class LocalWorkerFunction {

    private LocalWorkerFunction() {
    }

    /**
     * Reads the configuration, connects and loads the current model, as a cold start does.
     *
     * @param environment the function's variables (the same names as on Lambda)
     * @param clock       the worker's clock
     * @throws io.musicrec.platform.config.ConfigurationException naming a missing or malformed variable
     */
    public static FunctionInstance<SQSEvent, SQSBatchResponse> create(Environment environment, Clock clock) {
        Worker worker = Worker.fromEnvironment(environment, clock);
        return new FunctionInstance<>(new WorkerHandler(worker), worker);
    }
}
