package io.musicrec.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.lettuce.core.RedisException;
import io.musicrec.api.artists.ArtistSearch;
import io.musicrec.api.artists.ArtistSearchEndpoint;
import io.musicrec.api.http.HttpResponse;
import io.musicrec.api.http.RejectedRequest;
import io.musicrec.api.http.Router;
import io.musicrec.api.model.ModelRecommendations;
import io.musicrec.api.model.ModelRecommendationsEndpoint;
import io.musicrec.api.plays.PlayEndpoint;
import io.musicrec.api.plays.PlayService;
import io.musicrec.api.users.RegisterEndpoint;
import io.musicrec.api.users.Registration;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelStoreException;
import io.musicrec.platform.postgres.DatabaseException;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API function (API Gateway HTTP API, payload format 2.0, JWT authorizer):
 * <ul>
 *   <li>{@code POST /users}: register the caller, 201 then 200, with their recommendation document;
 *   <li>{@code POST /plays}: one play, {@code {"artist_id": 289}};
 *   <li>{@code POST /model/recommendations?n=100&mode=quota}: the stateless ML service;
 *   <li>{@code GET /artists?query=radiohead&limit=20}: catalog search.
 * </ul>
 * The caller is the JWT {@code sub} claim. Every client error is a 4xx with {@code
 * {"error":{"code","message"}}} (see {@link Router} and each route's request class). A dependency
 * that does not answer (database, Redis, the model store) is a 503 {@code service_unavailable} or
 * {@code model_unavailable}; anything else unexpected is a 500 {@code internal_error}. Both are
 * logged with the request id, which the body names; neither shows the exception to the client.
 *
 * <p>The public constructor is what Lambda calls: it reads the configuration ({@link
 * ApiConfiguration}) and builds the clients ({@link ApiComponents}) once per cold start.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** Every route this function serves, as {@code METHOD /path} (for checks such as the OpenAPI document's). */
    public static final List<String> ROUTES = List.of("POST /users", "POST /plays", "POST /model/recommendations", "GET /artists");

    private final Router router;

    /** What Lambda calls: configuration from the environment, clients for it, the system clock. */
    public ApiHandler() {
        this(ApiComponents.connect(ApiConfiguration.from(Environment.system()), Clock.systemUTC(), new SplittableRandom()));
    }

    ApiHandler(ApiComponents components) {
        this(components.registration(), components.plays(), components.model(), components.defaultN(), components.search());
    }

    /**
     * @param registration {@code POST /users}
     * @param plays        {@code POST /plays}
     * @param model        {@code POST /model/recommendations}
     * @param defaultN     its {@code n} when a request names none
     * @param search       {@code GET /artists}
     */
    ApiHandler(Registration registration, PlayService plays, ModelRecommendations model, int defaultN, ArtistSearch search) {
        this.router = new Router()
                .add("POST", "/users", new RegisterEndpoint(registration))
                .add("POST", "/plays", new PlayEndpoint(plays))
                .add("POST", "/model/recommendations", new ModelRecommendationsEndpoint(model, defaultN))
                .add("GET", "/artists", new ArtistSearchEndpoint(search));
        if (!router.routes().equals(ROUTES)) {
            throw new IllegalStateException("ROUTES " + ROUTES + " does not list the routes served: " + router.routes());
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = requestId(event, context);
        try {
            return router.route(event, requestId).toEvent();
        } catch (RejectedRequest e) {
            return HttpResponse.error(e.error()).toEvent();
        } catch (ModelStoreException e) {
            log(requestId, event, "no model to serve", e);
            return HttpResponse.serverError(503, "model_unavailable",
                    "no recommendation model is available right now; try again later (request " + requestId + ")").toEvent();
        } catch (DatabaseException | RedisException e) {
            log(requestId, event, "a store did not answer", e);
            return HttpResponse.serverError(503, "service_unavailable",
                    "the service is unavailable right now; try again later (request " + requestId + ")").toEvent();
        } catch (RuntimeException | LinkageError e) {
            log(requestId, event, "unexpected failure", e);
            return HttpResponse.serverError(500, "internal_error", "internal error (request " + requestId + ")").toEvent();
        }
    }

    /** One JSON log line: the request id as a field, method and path, the stack trace; never the body or the claims. */
    private static void log(String requestId, APIGatewayV2HTTPEvent event, String what, Throwable e) {
        LOG.atError().addKeyValue("request_id", requestId).setCause(e).log("{}: {}", describe(event), what);
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "unknown";
    }

    /** Method and path for the log; never the body or the claims. */
    private static String describe(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return "(not an HTTP API event)";
        }
        return event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath();
    }
}
