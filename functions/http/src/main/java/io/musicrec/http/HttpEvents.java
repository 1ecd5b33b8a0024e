package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/**
 * What every HTTP function reads from an event besides the caller: whether it is an HTTP API
 * event at all, its path without the stage, its request id, and a description for the logs.
 * Touches no JSON library (the read function uses it on its hot path).
 */
public final class HttpEvents {

    private HttpEvents() {
    }

    /** True when the event has what an HTTP API (payload format 2.0) event always has: a request context with a method. */
    public static boolean isHttpApiEvent(APIGatewayV2HTTPEvent event) {
        return event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getMethod() != null;
    }

    /**
     * The request path without the stage: HTTP APIs put a named stage in front of {@code rawPath}
     * ({@code /prod/plays}); the {@code $default} stage adds nothing. Requires {@link #isHttpApiEvent}.
     */
    public static String path(APIGatewayV2HTTPEvent event) {
        String path = event.getRawPath() != null ? event.getRawPath() : event.getRequestContext().getHttp().getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String stage = event.getRequestContext().getStage();
        if (stage != null && !stage.isEmpty() && !stage.equals("$default") && path.startsWith("/" + stage + "/")) {
            return path.substring(stage.length() + 1);
        }
        return path;
    }

    /** API Gateway's request id, else Lambda's, else {@code unknown}: what error bodies and logs name. */
    public static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "unknown";
    }

    /** Method and path for a log line; never the body or the claims. */
    public static String describe(APIGatewayV2HTTPEvent event) {
        if (!isHttpApiEvent(event)) {
            return "(not an HTTP API event)";
        }
        return event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath();
    }
}
