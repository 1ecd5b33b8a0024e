package io.musicrec.local.stack.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
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
}
