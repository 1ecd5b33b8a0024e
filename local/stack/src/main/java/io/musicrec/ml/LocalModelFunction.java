package io.musicrec.ml;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.local.stack.lambda.FunctionInstance;
import io.musicrec.platform.config.Environment;
import java.time.Clock;

/**
 * One instance of the ML function for the local stack, wired as {@link ModelHandler#ModelHandler()}
 * wires it ({@link ModelConfiguration#from}, then {@link ModelComponents#connect}), from the
 * environment the stack hands it. Part of the local stack's jar, not the function's: it sits in
 * the handler's package only to reach the handler's package-private constructor.
 */
public final class LocalModelFunction {

    private LocalModelFunction() {
    }

    /**
     * Reads the configuration and builds the S3 client, as a cold start does.
     *
     * @param environment the function's variables (the same names as on Lambda)
     * @param clock       the handler's clock
     * @throws io.musicrec.platform.config.ConfigurationException naming a missing or malformed variable
     */
    public static FunctionInstance<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create(Environment environment, Clock clock) {
        ModelComponents components = ModelComponents.connect(ModelConfiguration.from(environment), clock);
        return new FunctionInstance<>(new ModelHandler(components)::handle, components);
    }
}
