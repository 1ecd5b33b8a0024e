package io.musicrec.reader;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.CacheException;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationCache;
import io.musicrec.cache.RedisConnection;
import io.musicrec.http.HttpApiFunction;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.RouteTable;
import io.musicrec.http.RoutedFunction;
import io.musicrec.http.Router;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.lifecycle.Started;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /recommendations}: the caller's document from Redis exactly as stored, or the {@code
 * empty} document. Client errors follow {@link Router}; Redis not answering in time is 503, anything
 * else 500, both logged with the request id and never showing the exception. The public constructor,
 * what Lambda calls, builds {@link ReaderComponents} from {@link ReaderConfiguration} once per cold start.
 */
public final class ReaderHandler implements HttpApiFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderHandler.class);

    /** The one route this function serves. */
    static final String PATH = "/recommendations";
    static final String METHOD = "GET";
    /** Every route this function serves, as {@code METHOD /path}: the route table's (a test keeps it equal to the above). */
    public static final List<String> ROUTES = RouteTable.servedBy(RouteTable.READER_FUNCTION);

    /** What a user nobody has computed anything for gets. */
    static final String EMPTY_DOCUMENT = CacheJson.EMPTY_DOCUMENT;

    private final RoutedFunction function;
    /** Kept here: CRaC holds them only weakly. */
    private final RestoreHooks restoreHooks;

    /** What Lambda calls: configuration from the environment, the Redis connection for it, the system clock. */
    public ReaderHandler() {
        this(ReaderComponents.connect(ReaderConfiguration.from(Environment.system()), Clock.systemUTC()));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the clients to close. */
    public static Started<ReaderHandler> create(Environment environment, Clock clock) {
        ReaderComponents components = ReaderComponents.connect(ReaderConfiguration.from(environment), clock);
        return new Started<>(new ReaderHandler(components), components);
    }

    ReaderHandler(ReaderComponents components) {
        this(components.cache(), components.restoreHooks());
    }

    /** @param redis where the documents are; reopened after a restore */
    ReaderHandler(RedisConnection redis) {
        this(ReaderComponents.over(redis, new OpenedClients("the reader")));
    }

    /** @param cache where the documents are */
    ReaderHandler(RecommendationCache cache) {
        this(cache, new RestoreHooks("the reader"));
    }

    private ReaderHandler(RecommendationCache cache, RestoreHooks restoreHooks) {
        Objects.requireNonNull(cache, "cache");
        this.restoreHooks = Objects.requireNonNull(restoreHooks, "restoreHooks");
        this.function = new RoutedFunction(ROUTES, new Router()
                .add(METHOD, PATH, call -> HttpResponse.json(200, cache.getJson(call.caller()).orElse(EMPTY_DOCUMENT))),
                new RoutedFunction.Unavailable(List.of(CacheException.class), "service_unavailable",
                        "recommendations are unavailable right now; try again", "Redis unavailable"), LOG);
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
