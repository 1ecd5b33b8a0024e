package io.musicrec.reader;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.CacheException;
import io.musicrec.cache.RecommendationCache;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.http.Caller;
import io.musicrec.http.HttpApiFunction;
import io.musicrec.http.HttpEvents;
import io.musicrec.http.ClientError;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.RouteTable;
import io.musicrec.platform.budget.TimeBudget;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.lifecycle.Started;
import io.musicrec.platform.secrets.SecretRedisToken;
import io.musicrec.platform.secrets.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /recommendations}: the caller's document from Redis exactly as stored, or the {@code
 * empty} document. 401 without a usable JWT {@code sub}; 404 and 405 for other paths and methods; 503
 * when Redis does not answer in time, 500 otherwise, both logged with the request id and never
 * showing the exception. The connection opens once per cold start and anew after a SnapStart restore.
 */
public final class ReaderHandler implements HttpApiFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderHandler.class);

    /** The one route this function serves. */
    static final String PATH = "/recommendations";
    static final String METHOD = "GET";
    /** Every route this function serves, as {@code METHOD /path}: the route table's (a test keeps it equal to the above). */
    public static final List<String> ROUTES = RouteTable.servedBy(RouteTable.READER_FUNCTION);

    /**
     * What {@code RecommendationDocument.empty()} looks like in the cache's JSON form, written out so
     * that the read path never starts a JSON mapper (a test keeps the two equal).
     */
    static final String EMPTY_DOCUMENT =
            "{\"status\":\"empty\",\"model_id\":null,\"generated_at\":null,\"total_plays\":0,\"items\":[]}";

    /** The read function's Timeout in template.yaml: what a run without {@code FUNCTION_TIMEOUT_SECONDS} assumes. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The read function's time budget: one Redis GET (connecting after a restore too), 40 % of the
     * timeout (2 s of 5), and answering.
     */
    public static TimeBudget budget(Duration timeout) {
        TimeBudget budget = TimeBudget.of("the read function", timeout);
        return budget.spend("the document (one Redis command)", 1, redisTimeout(budget));
    }

    private static Duration redisTimeout(TimeBudget budget) {
        return budget.share(0.4);
    }

    private final RecommendationCache cache;
    /** Kept here: CRaC holds them only weakly. */
    private final RestoreHooks restoreHooks;

    /**
     * What Lambda calls: connects to the Redis in {@code REDIS_URL}, its commands bounded by the
     * budget, with the auth token from the {@code SECRET_ARN} secret when there is one (else the URL's).
     */
    public ReaderHandler() {
        this(openRedis(Environment.system(), Clock.systemUTC(), new OpenedClients("the reader")));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the clients to close. */
    public static Started<ReaderHandler> create(Environment environment, Clock clock) {
        OpenedClients opened = new OpenedClients("the reader");
        try {
            RedisConnection redis = opened.add(openRedis(environment, clock, opened));
            return new Started<>(new ReaderHandler(redis), opened);
        } catch (RuntimeException e) {
            opened.closeAfter(e);
            throw e;
        }
    }

    private static RedisConnection openRedis(Environment environment, Clock clock, OpenedClients opened) {
        Duration timeout = redisTimeout(TimeBudget.of("the read function",
                TimeBudget.timeout(environment.verbatim(TimeBudget.VARIABLE), DEFAULT_TIMEOUT)));
        Secrets secrets = Secrets.open(SecretSettings.from(environment), clock, opened);
        Map<String, String> redisUrl = environment.verbatim(RedisConnection.REDIS_URL)
                .map(url -> Map.of(RedisConnection.REDIS_URL, url)).orElse(Map.of());
        return RedisConnection.fromEnvironment(redisUrl, timeout, SecretRedisToken.of(secrets));
    }

    /** @param redis where the documents are; reopened after a restore */
    ReaderHandler(RedisConnection redis) {
        this(new RedisRecommendationCache(redis), new RestoreHooks("the reader").afterRestore("the Redis connection", redis::reconnect).register());
    }

    /** @param cache where the documents are */
    ReaderHandler(RecommendationCache cache) {
        this(cache, new RestoreHooks("the reader"));
    }

    private ReaderHandler(RecommendationCache cache, RestoreHooks restoreHooks) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.restoreHooks = restoreHooks;
    }

    /** The hooks Lambda's runtime calls around a snapshot. */
    RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = HttpEvents.requestId(event, context);
        try {
            Optional<APIGatewayV2HTTPResponse> rejected = reject(event);
            if (rejected.isPresent()) {
                return rejected.get();
            }
            String user = Caller.subject(event).orElseThrow();
            return HttpResponse.json(200, cache.getJson(user).orElse(EMPTY_DOCUMENT)).toEvent();
        } catch (CacheException e) {
            log(requestId, "Redis unavailable", e);
            return HttpResponse.serverError(503, "service_unavailable",
                    "recommendations are unavailable right now; try again (request " + requestId + ")").toEvent();
        } catch (RuntimeException e) {
            log(requestId, "unexpected failure", e);
            return HttpResponse.serverError(500, "internal_error", "internal error (request " + requestId + ")").toEvent();
        }
    }

    /** The response for a request this function does not serve, or empty to serve it. */
    private static Optional<APIGatewayV2HTTPResponse> reject(APIGatewayV2HTTPEvent event) {
        if (!HttpEvents.isHttpApiEvent(event)) {
            return Optional.of(HttpResponse.error(ClientError.of(400, "bad_request", "not an API Gateway HTTP API (payload 2.0) event")).toEvent());
        }
        String path = HttpEvents.path(event);
        if (!PATH.equals(path)) {
            return Optional.of(HttpResponse.error(ClientError.of(404, "not_found", "no route " + path + "; this function serves GET " + PATH)).toEvent());
        }
        String method = event.getRequestContext().getHttp().getMethod();
        if (!METHOD.equals(method)) {
            return Optional.of(HttpResponse.error(new ClientError(405, "method_not_allowed",
                    method + " is not allowed on " + PATH + "; use " + METHOD, Map.of("allow", METHOD))).toEvent());
        }
        if (Caller.subject(event).isEmpty()) {
            return Optional.of(HttpResponse.error(ClientError.of(401, "unauthorized",
                    "a valid bearer token is required (no usable sub claim reached the function)")).toEvent());
        }
        return Optional.empty();
    }

    /** One JSON log line with the request id as a field and the stack trace. */
    private static void log(String requestId, String what, Throwable e) {
        LOG.atError().addKeyValue("request_id", requestId).setCause(e).log("GET {}: {}", PATH, what);
    }
}
