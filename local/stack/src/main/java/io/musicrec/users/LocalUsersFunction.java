package io.musicrec.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.local.stack.lambda.FunctionInstance;
import io.musicrec.platform.config.Environment;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * One instance of the users function for the local stack, wired as {@link UsersHandler#UsersHandler()}
 * wires it ({@link UsersConfiguration#from}, then {@link UsersComponents#connect}), from the
 * environment the stack hands it. Part of the local stack's jar, not the function's: it sits in
 * the handler's package only to reach the handler's package-private constructor.
 */
public final class LocalUsersFunction {

    private LocalUsersFunction() {
    }

    /**
     * Reads the configuration and connects, as a cold start does.
     *
     * @param environment the function's variables (the same names as on Lambda)
     * @param clock       the handler's clock
     * @throws io.musicrec.platform.config.ConfigurationException naming a missing or malformed variable
     */
    public static FunctionInstance<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create(Environment environment, Clock clock) {
        UsersComponents components = UsersComponents.connect(UsersConfiguration.from(environment), clock, new SplittableRandom());
        return new FunctionInstance<>(new UsersHandler(components)::handle, components);
    }
}
