package io.musicrec.local.stack.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.RouteTable;
import io.musicrec.local.stack.lambda.FunctionPool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, {@code METHOD /path} to the function behind it, as the deployment declares
 * them: the shared {@link RouteTable}, each function's logical id mapped to its pool here. Every
 * route has the JWT authorizer. A request that matches no route gets API Gateway's own 404 {@code
 * {"message":"Not Found"}}; no function sees it.
 */
public final class Routes {

    private final Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byRouteKey;

    private Routes(Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byRouteKey) {
        this.byRouteKey = Map.copyOf(byRouteKey);
    }

    /**
     * The deployment's routes.
     *
     * @param functions each HTTP function's pool by its logical id ({@link RouteTable#API_FUNCTION}, ...)
     * @throws IllegalArgumentException when a function of the route table has no pool
     */
    public static Routes of(Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions) {
        Map<String, FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
        for (RouteTable.Route route : RouteTable.ROUTES) {
            FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> pool = functions.get(route.function());
            if (pool == null) {
                throw new IllegalArgumentException("no function " + route.function() + " for " + route.key());
            }
            routes.put(route.key(), pool);
        }
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
