package io.musicrec.local.stack.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.HttpApiFunction;
import io.musicrec.platform.lifecycle.Started;
import java.util.Objects;

/**
 * One warm instance of a function (what a Lambda container holds): the handler as Lambda would build
 * it (for an HTTP function, its {@code handle}: the stack passes the event, not its JSON) and the
 * clients it built at its cold start, closed once, when the pool closes.
 */
public record FunctionInstance<I, O>(RequestHandler<I, O> handler, AutoCloseable resources) {

    /** Both parts are required. */
    public FunctionInstance {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(resources, "resources");
    }

    /** The instance of a handler's {@code create}. */
    public static <I, O> FunctionInstance<I, O> of(Started<? extends RequestHandler<I, O>> started) {
        return new FunctionInstance<>(started.handler(), started.clients());
    }

    /** The instance of an HTTP function's {@code create}: its {@code handle}, which takes the event. */
    public static FunctionInstance<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http(Started<? extends HttpApiFunction> started) {
        return new FunctionInstance<>(started.handler()::handle, started.clients());
    }
}
