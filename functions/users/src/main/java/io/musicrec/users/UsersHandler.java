package io.musicrec.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.CacheException;
import io.musicrec.http.HttpApiFunction;
import io.musicrec.http.RouteTable;
import io.musicrec.http.RoutedFunction;
import io.musicrec.http.Router;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.lifecycle.Started;
import io.musicrec.platform.postgres.DatabaseException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users function (API Gateway HTTP API, payload format 2.0, JWT authorizer): {@code POST
 * /users} registers the caller (the JWT {@code sub}), 201 then 200, with their recommendation
 * document: at first twenty suggestions weighted by popularity ({@link Registration}). It uses
 * PostgreSQL, Redis and Spotify, and no AWS SDK at all: no model, no queue.
 *
 * <p>Every client error is a 4xx with {@code {"error":{"code","message"}}} (see {@link Router} and
 * {@link RegisterEndpoint}). A store that does not answer (database, Redis), or a catalog with
 * nothing to suggest, is a 503 {@code service_unavailable}; anything else unexpected is a 500
 * {@code internal_error}; both logged with the request id, which the body names.
 *
 * <p>The public constructor is what Lambda calls: it reads the configuration ({@link
 * UsersConfiguration}) and builds the clients ({@link UsersComponents}) once per cold start. The
 * handler keeps their {@link RestoreHooks}, which CRaC holds only weakly.
 */
public final class UsersHandler implements HttpApiFunction {

    private static final Logger LOG = LoggerFactory.getLogger(UsersHandler.class);

    /** Every route this function serves, as {@code METHOD /path}: the route table's. */
    public static final List<String> ROUTES = RouteTable.servedBy(RouteTable.USERS_FUNCTION);

    private final RoutedFunction function;
    private final RestoreHooks restoreHooks;

    /** What Lambda calls: configuration from the environment, clients for it, the system clock. */
    public UsersHandler() {
        this(UsersComponents.connect(UsersConfiguration.from(Environment.system()), Clock.systemUTC(), new SplittableRandom()));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the clients to close. */
    public static Started<UsersHandler> create(Environment environment, Clock clock) {
        UsersComponents components = UsersComponents.connect(UsersConfiguration.from(environment), clock, new SplittableRandom());
        return new Started<>(new UsersHandler(components), components);
    }

    UsersHandler(UsersComponents components) {
        this(components.registration(), components.restoreHooks());
    }

    /**
     * @param registration {@code POST /users}
     * @param restoreHooks what a SnapStart restore renews
     */
    UsersHandler(Registration registration, RestoreHooks restoreHooks) {
        this.restoreHooks = Objects.requireNonNull(restoreHooks, "restoreHooks");
        this.function = new RoutedFunction(ROUTES, new Router().add("POST", "/users", new RegisterEndpoint(registration)),
                new RoutedFunction.Unavailable(List.of(DatabaseException.class, CacheException.class, NoSuggestionsException.class),
                        "service_unavailable", "the service is unavailable right now; try again later",
                        "a store did not answer, or has nothing to suggest"), LOG);
    }

    /** The hooks Lambda's runtime calls around a snapshot. */
    RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return function.handle(event, context);
    }
}
