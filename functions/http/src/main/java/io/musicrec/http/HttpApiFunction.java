package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind the HTTP API. Lambda streams it the event's JSON ({@link #handleRequest}, read
 * and written by {@link HttpApiEventCodec}, so the runtime's own event mapping is never loaded: see
 * there); the local stack and the tests hand it the event ({@link #handle}).
 */
public interface HttpApiFunction extends RequestStreamHandler {

    /**
     * The response to one event.
     *
     * @param event   the event, or {@code null} for input that was not an HTTP API event's JSON
     * @param context Lambda's context, or {@code null}
     */
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context);

    /** What Lambda calls: the event's JSON in, the response's JSON out. */
    @Override
    default void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApiEventCodec.writeResponse(handle(HttpApiEventCodec.readEvent(input), context), output);
    }
}
