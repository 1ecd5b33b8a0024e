package io.musicrec.ml;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.HttpEvents;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.RejectedRequest;
import io.musicrec.http.RouteTable;
import io.musicrec.http.Router;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.models.ModelStoreException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ML function (API Gateway HTTP API, payload format 2.0, JWT authorizer): {@code POST
 * /model/recommendations?n=100&mode=quota}, the stateless ML service. Plays in, recommendations
 * out, over the current model from S3; it reads and writes no user data, so it has no database,
 * Redis, queue or Spotify client, and its jar none of their libraries.
 *
 * <p>Every client error is a 4xx with {@code {"error":{"code","message"}}} (see {@link Router} and
 * {@link ModelRecommendationRequest}). No model to serve (nothing published, or the store does not
 * answer before the first load) is a 503 {@code model_unavailable}; anything else unexpected is a
 * 500 {@code internal_error}; both logged with the request id, which the body names.
 *
 * <p>The public constructor is what Lambda calls: it reads the configuration ({@link
 * ModelConfiguration}) and builds the S3 client ({@link ModelComponents}) once per cold start.
 */
public final class ModelHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHandler.class);

    /** Every route this function serves, as {@code METHOD /path}: the route table's. */
    public static final List<String> ROUTES = RouteTable.servedBy(RouteTable.MODEL_FUNCTION);

    private final Router router;

    /** What Lambda calls: configuration from the environment, the S3 client for it, the system clock. */
    public ModelHandler() {
        this(ModelComponents.connect(ModelConfiguration.from(Environment.system()), Clock.systemUTC()));
    }

    ModelHandler(ModelComponents components) {
        this(components.service(), components.defaultN());
    }

    /**
     * @param service  the ML service
     * @param defaultN {@code n} when a request names none
     */
    ModelHandler(ModelRecommendations service, int defaultN) {
        this.router = new Router().add("POST", "/model/recommendations", new ModelRecommendationsEndpoint(service, defaultN));
        if (!router.routes().equals(ROUTES)) {
            throw new IllegalStateException("the route table gives this function " + ROUTES + ", it serves " + router.routes());
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = HttpEvents.requestId(event, context);
        try {
            return router.route(event, requestId).toEvent();
        } catch (RejectedRequest e) {
            return HttpResponse.error(e.error()).toEvent();
        } catch (ModelStoreException e) {
            log(requestId, event, "no model to serve", e);
            return HttpResponse.serverError(503, "model_unavailable",
                    "no recommendation model is available right now; try again later (request " + requestId + ")").toEvent();
        } catch (RuntimeException | LinkageError e) {
            log(requestId, event, "unexpected failure", e);
            return HttpResponse.serverError(500, "internal_error", "internal error (request " + requestId + ")").toEvent();
        }
    }

    /** One JSON log line: the request id as a field, method and path, the stack trace; never the body or the claims. */
    private static void log(String requestId, APIGatewayV2HTTPEvent event, String what, Throwable e) {
        LOG.atError().addKeyValue("request_id", requestId).setCause(e).log("{}: {}", HttpEvents.describe(event), what);
    }
}
