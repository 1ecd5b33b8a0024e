package io.musicrec.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.api.artists.ArtistSearch;
import io.musicrec.api.artists.ArtistSearchEndpoint;
import io.musicrec.api.plays.PlayEndpoint;
import io.musicrec.api.plays.PlayService;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API function: the routes that need PostgreSQL ({@code POST /plays}, {@code GET /artists});
 * registration and the ML route are other functions', so each jar holds only what its routes use (see
 * {@link RouteTable}). The caller is the JWT {@code sub}. Client errors follow {@link Router}; a database
 * that does not answer is 503 {@code service_unavailable}, anything else 500, logged with the request
 * id the body names and never shown to the client. The public constructor, what Lambda calls, builds
 * {@link ApiComponents} from {@link ApiConfiguration} once per cold start.
 */
public final class ApiHandler implements HttpApiFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** Every route this function serves, as {@code METHOD /path}: the route table's. */
    public static final List<String> ROUTES = RouteTable.servedBy(RouteTable.API_FUNCTION);

    private final RoutedFunction function;
    /** Kept here: CRaC holds them only weakly. */
    private final RestoreHooks restoreHooks;

    /** What Lambda calls: configuration from the environment, clients for it, the system clock. */
    public ApiHandler() {
        this(ApiComponents.connect(ApiConfiguration.from(Environment.system()), Clock.systemUTC()));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the clients to close. */
    public static Started<ApiHandler> create(Environment environment, Clock clock) {
        ApiComponents components = ApiComponents.connect(ApiConfiguration.from(environment), clock);
        return new Started<>(new ApiHandler(components), components);
    }

    ApiHandler(ApiComponents components) {
        this(components.plays(), components.search(), components.restoreHooks());
    }

    /**
     * @param plays        {@code POST /plays}
     * @param search       {@code GET /artists}
     * @param restoreHooks what a SnapStart restore renews
     */
    ApiHandler(PlayService plays, ArtistSearch search, RestoreHooks restoreHooks) {
        this.restoreHooks = Objects.requireNonNull(restoreHooks, "restoreHooks");
        this.function = new RoutedFunction(ROUTES, new Router()
                .add("POST", "/plays", new PlayEndpoint(plays))
                .add("GET", "/artists", new ArtistSearchEndpoint(search)),
                new RoutedFunction.Unavailable(List.of(DatabaseException.class), "service_unavailable",
                        "the service is unavailable right now; try again later", "the database did not answer"), LOG);
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
