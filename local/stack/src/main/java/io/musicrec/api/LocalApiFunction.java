package io.musicrec.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.local.stack.lambda.FunctionInstance;
import io.musicrec.platform.config.Environment;
import java.time.Clock;

/**
 * One instance of the API function for the local stack, wired exactly as {@link ApiHandler#ApiHandler()}
 * wires it ({@link ApiConfiguration#from}, then {@link ApiComponents#connect}), but reading the
 * environment the stack hands it instead of the JVM's, which cannot be set in process.
 *
 * <p>This class is part of the local stack's jar, not the function's: it sits in the handler's
 * package only to reach the handler's package-private constructor, so that the function's own
 * configuration code is used rather than copied.
 */
public final class LocalApiFunction {

    private LocalApiFunction() {
    }

    /**
     * Reads the configuration and connects, as a cold start does.
     *
     * @param environment the function's variables (the same names as on Lambda)
     * @param clock       the handler's clock
     * @throws io.musicrec.platform.config.ConfigurationException naming a missing or malformed variable
     */
    public static FunctionInstance<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create(Environment environment, Clock clock) {
        ApiComponents components = ApiComponents.connect(ApiConfiguration.from(environment), clock);
        return new FunctionInstance<>(new ApiHandler(components)::handle, components);
    }
}
