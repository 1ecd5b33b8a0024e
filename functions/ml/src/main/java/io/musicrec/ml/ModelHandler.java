package io.musicrec.ml;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.HttpApiFunction;
import io.musicrec.http.RouteTable;
import io.musicrec.http.RoutedFunction;
import io.musicrec.http.Router;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.lifecycle.Started;
import io.musicrec.platform.models.ModelStoreException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ML function: {@code POST /model/recommendations}, plays in, recommendations out, over the
 * current model from S3. It holds no user data, so it has no database, Redis, queue or Spotify client,
 * nor their libraries in its jar. Client errors follow {@link Router} and {@link
 * ModelRecommendationRequest}; no model to serve is 503 {@code model_unavailable}, anything else 500,
 * logged with the request id. The public constructor builds {@link ModelComponents} from {@link
 * ModelConfiguration} once per cold start.
 */
public final class ModelHandler implements HttpApiFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHandler.class);

    /** Every route this function serves, as {@code METHOD /path}: the route table's. */
    public static final List<String> ROUTES = RouteTable.servedBy(RouteTable.MODEL_FUNCTION);

    private final RoutedFunction function;

    /** What Lambda calls: configuration from the environment, the S3 client for it, the system clock. */
    public ModelHandler() {
        this(ModelComponents.connect(ModelConfiguration.from(Environment.system()), Clock.systemUTC()));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the S3 client to close. */
    public static Started<ModelHandler> create(Environment environment, Clock clock) {
        ModelComponents components = ModelComponents.connect(ModelConfiguration.from(environment), clock);
        return new Started<>(new ModelHandler(components), components);
    }

    ModelHandler(ModelComponents components) {
        this(components.service(), components.defaultN());
    }

    /**
     * @param service  the ML service
     * @param defaultN {@code n} when a request names none
     */
    ModelHandler(ModelRecommendations service, int defaultN) {
        this.function = new RoutedFunction(ROUTES,
                new Router().add("POST", "/model/recommendations", new ModelRecommendationsEndpoint(service, defaultN)),
                new RoutedFunction.Unavailable(List.of(ModelStoreException.class), "model_unavailable",
                        "no recommendation model is available right now; try again later", "no model to serve"), LOG);
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return function.handle(event, context);
    }
}
