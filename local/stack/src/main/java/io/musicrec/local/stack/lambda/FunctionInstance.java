package io.musicrec.local.stack.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Objects;

/**
 * One warm instance of a function (what a Lambda container holds): the handler and the clients it
 * built at its cold start, closed when the instance goes away.
 *
 * @param handler   the function's handler, built as Lambda would build it; for an HTTP function its
 *                  {@code handle} (the stack hands it the event, not the event's JSON)
 * @param resources its clients (database, Redis, SDK); closed once, when the pool closes
 * @param <I>       the event type
 * @param <O>       the response type
 */
public record FunctionInstance<I, O>(RequestHandler<I, O> handler, AutoCloseable resources) {

    /** Both parts are required. */
    public FunctionInstance {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(resources, "resources");
    }
}
