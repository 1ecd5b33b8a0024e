package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * What the handler of every routed HTTP function does with an event: route it ({@link Router}),
 * answer a client error with its 4xx, a failure of something the function depends on with 503, and
 * anything else with 500 {@code internal_error}. Both server errors are logged, one JSON line with
 * the request id as a field, method and path, and the stack trace (never the body or the claims),
 * and their bodies name the request id, never the exception.
 */
public final class RoutedFunction {

    /**
     * The 503 of a function: which failures it stands for, and what the client and the log are told.
     *
     * @param causes  the exception types meaning "a store or model did not answer"
     * @param code    the error code, e.g. {@code service_unavailable}
     * @param message the client's message; {@code " (request <id>)"} is appended
     * @param logged  what the log line says happened
     */
    public record Unavailable(List<Class<? extends RuntimeException>> causes, String code, String message, String logged) {

        /** All are required; causes are copied. */
        public Unavailable {
            causes = List.copyOf(causes);
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(logged, "logged");
        }

        boolean covers(RuntimeException e) {
            return causes.stream().anyMatch(type -> type.isInstance(e));
        }
    }

    private final Router router;
    private final Unavailable unavailable;
    private final Logger log;

    /**
     * @param routes      the routes the route table gives this function ({@link RouteTable#servedBy})
     * @param router      the routes it serves
     * @param unavailable its 503
     * @param log         where its server errors are logged
     * @throws IllegalStateException when the router does not serve exactly {@code routes}
     */
    public RoutedFunction(List<String> routes, Router router, Unavailable unavailable, Logger log) {
        this.router = Objects.requireNonNull(router, "router");
        this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
        this.log = Objects.requireNonNull(log, "log");
        if (!router.routes().equals(routes)) {
            throw new IllegalStateException("the route table gives this function " + routes + ", it serves " + router.routes());
        }
    }

    /** The response to one event: what Lambda's {@code handleRequest} returns. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = HttpEvents.requestId(event, context);
        try {
            return router.route(event, requestId).toEvent();
        } catch (RejectedRequest e) {
            return HttpResponse.error(e.error()).toEvent();
        } catch (RuntimeException e) {
            if (unavailable.covers(e)) {
                log(requestId, event, unavailable.logged(), e);
                return HttpResponse.serverError(503, unavailable.code(), unavailable.message() + " (request " + requestId + ")").toEvent();
            }
            log(requestId, event, "unexpected failure", e);
            return internalError(requestId);
        } catch (LinkageError e) {
            log(requestId, event, "unexpected failure", e);
            return internalError(requestId);
        }
    }

    private static APIGatewayV2HTTPResponse internalError(String requestId) {
        return HttpResponse.serverError(500, "internal_error", "internal error (request " + requestId + ")").toEvent();
    }

    private void log(String requestId, APIGatewayV2HTTPEvent event, String what, Throwable e) {
        log.atError().addKeyValue("request_id", requestId).addKeyValue("request", HttpEvents.describe(event)).setCause(e).log(what);
    }
}
