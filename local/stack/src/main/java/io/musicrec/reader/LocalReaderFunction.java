package io.musicrec.reader;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.local.stack.lambda.FunctionInstance;
import java.util.Map;

/**
 * One instance of the read function for the local stack, wired as {@link ReaderHandler#ReaderHandler()}
 * wires it ({@link RedisConnection#fromEnvironment} over {@code REDIS_URL}), but from the environment
 * the stack hands it instead of the JVM's, which cannot be set in process.
 *
 * <p>Part of the local stack's jar, not the function's: it sits in the handler's package only to
 * reach the handler's package-private constructor.
 */
public final class LocalReaderFunction {

    private LocalReaderFunction() {
    }

    /**
     * Connects to Redis, as a cold start does.
     *
     * @param environment the function's variables ({@code REDIS_URL})
     */
    public static FunctionInstance<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create(Map<String, String> environment) {
        RedisConnection redis = RedisConnection.fromEnvironment(environment);
        return new FunctionInstance<>(new ReaderHandler(redis)::handle, redis);
    }
}
