package io.musicrec.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every route of the HTTP API and the function that serves it: the one route table. The handlers
 * take their {@code ROUTES} from it (and refuse to start when their endpoints disagree), the local
 * stack's gateway sends each request to the function it names, and the deployment tests hold
 * {@code template.yaml} and the OpenAPI document to it. Function names are the template's logical
 * ids.
 *
 * <p>Plain loops, no streams: the read function builds its {@code ROUTES} at a cold start.
 */
public final class RouteTable {

    /** {@code POST /plays}, {@code GET /artists}: PostgreSQL and the SQS outbox relay. */
    public static final String API_FUNCTION = "ApiFunction";
    /** {@code POST /users}: PostgreSQL, Redis, Spotify. */
    public static final String USERS_FUNCTION = "UsersFunction";
    /** {@code POST /model/recommendations}: the model from S3, nothing else. */
    public static final String MODEL_FUNCTION = "ModelFunction";
    /** {@code GET /recommendations}: Redis only. */
    public static final String READER_FUNCTION = "ReaderFunction";

    /**
     * One route.
     *
     * @param method   the HTTP method, upper case
     * @param path     the exact path (no trailing slash, case-sensitive, as API Gateway matches it)
     * @param function the logical id of the function serving it
     */
    public record Route(String method, String path, String function) {

        /** All parts are required. */
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(function, "function");
        }

        /** {@code METHOD /path}, API Gateway's route key. */
        public String key() {
            return method + " " + path;
        }
    }

    /** Every route, in the order the OpenAPI document lists them. */
    public static final List<Route> ROUTES = List.of(
            new Route("POST", "/users", USERS_FUNCTION),
            new Route("POST", "/plays", API_FUNCTION),
            new Route("POST", "/model/recommendations", MODEL_FUNCTION),
            new Route("GET", "/artists", API_FUNCTION),
            new Route("GET", "/recommendations", READER_FUNCTION));

    private RouteTable() {
    }

    /** The routes {@code function} serves, as {@code METHOD /path}, in table order. */
    public static List<String> servedBy(String function) {
        List<String> keys = new ArrayList<>();
        for (Route route : ROUTES) {
            if (route.function().equals(function)) {
                keys.add(route.key());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no route is served by " + function);
        }
        return List.copyOf(keys);
    }

    /** {@code METHOD /path} to the function serving it, in table order. */
    public static Map<String, String> functionsByRoute() {
        Map<String, String> byRoute = new LinkedHashMap<>();
        for (Route route : ROUTES) {
            byRoute.put(route.key(), route.function());
        }
        return byRoute;
    }
}
