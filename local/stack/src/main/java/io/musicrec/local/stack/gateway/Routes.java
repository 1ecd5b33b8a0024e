package io.musicrec.local.stack.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.api.ApiHandler;
import io.musicrec.local.stack.lambda.FunctionPool;
import io.musicrec.reader.ReaderHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, {@code METHOD /path} to the function behind it, as the deployment declares
 * them: every route has the JWT authorizer. A request that matches no route gets API Gateway's own
 * 404 {@code {"message":"Not Found"}}; no function sees it.
 */
public final class Routes {

    /** The API function's routes, as the function lists them. */
    public static final List<String> API_ROUTES = ApiHandler.ROUTES;
    /** The read function's route, as the function lists it. */
    public static final List<String> READER_ROUTES = ReaderHandler.ROUTES;

    private final Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byRouteKey;

    private Routes(Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byRouteKey) {
        this.byRouteKey = Map.copyOf(byRouteKey);
    }

    /**
     * The deployment's routes.
     *
     * @param api    the API function
     * @param reader the read function
     */
    public static Routes of(FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api,
                            FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> reader) {
        Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
        API_ROUTES.forEach(route -> routes.put(route, api));
        READER_ROUTES.forEach(route -> routes.put(route, reader));
        return new Routes(routes);
    }

    /**
     * The function serving {@code METHOD /path}, matched exactly (API Gateway matches these routes
     * case-sensitively, without a trailing slash).
     *
     * @param routeKey {@code METHOD /path}
     */
    public Optional<FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> function(String routeKey) {
        return Optional.ofNullable(byRouteKey.get(routeKey));
    }
}
