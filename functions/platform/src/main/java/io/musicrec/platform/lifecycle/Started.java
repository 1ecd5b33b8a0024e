package io.musicrec.platform.lifecycle;

import java.util.Objects;

/**
 * A handler as a cold start builds it, with the clients it opened: what each handler's public
 * {@code create(Environment, Clock)} returns, so that the local stack runs the function's own wiring
 * and closes the clients when it retires the instance (Lambda never closes them).
 *
 * @param handler the handler
 * @param clients what it opened (database, Redis, SDK clients)
 * @param <H>     the handler's type
 */
public record Started<H>(H handler, AutoCloseable clients) {

    /** Both parts are required. */
    public Started {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(clients, "clients");
    }
}
