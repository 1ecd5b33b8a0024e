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
 * The users function: {@code POST /users} registers the caller (the JWT {@code sub}), 201 then 200,
 * with their document ({@link Registration}); PostgreSQL, Redis and Spotify, no AWS SDK client but
 * the secret's. Client errors follow {@link Router} and {@link RegisterEndpoint}; an unanswering store
 * or an empty catalog is 503, anything else 500, logged with the request id. The public constructor
 * builds {@link UsersComponents} from {@link UsersConfiguration} once per cold start; the handler keeps
 * their {@link RestoreHooks}, which CRaC holds only weakly.
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
