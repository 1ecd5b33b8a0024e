package io.musicrec.worker;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.musicrec.local.services.testing.TestLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the Lambda Java runtime does with a handler, run in a JVM of its own by {@link ShadedJarIT}
 * with the shaded jar on the class path: load the handler class by name, call its public no-argument
 * constructor (the cold start), read each event file with the runtime's serializer, invoke, and
 * write the response with the same serializer. Prints {@code INIT <ms>}, then {@code RESPONSE
 * <ms> <json>} per event. Uses nothing but the JDK, the runtime's serialization library, what the
 * jar itself holds, and the tests' {@link TestLambdaContext} for the context the runtime passes.
 */
public final class LambdaRuntimeStandIn {

    private LambdaRuntimeStandIn() {
    }

    /**
     * @param args the handler class name, then one or more event files
     */
    public static void main(String[] args) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        long start = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (RequestHandler<SQSEvent, SQSBatchResponse>)
                Class.forName(args[0], true, loader).getDeclaredConstructor().newInstance();
        System.out.println("INIT " + (System.nanoTime() - start) / 1_000_000);
        for (int i = 1; i < args.length; i++) {
            SQSEvent event;
            try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                event = LambdaEventSerializers.serializerFor(SQSEvent.class, loader).fromJson(in);
            }
            long invoke = System.nanoTime();
            SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.of("musicrec-worker", 1024, Duration.ofMinutes(5)));
            long millis = (System.nanoTime() - invoke) / 1_000_000;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(SQSBatchResponse.class, loader).toJson(response, out);
            System.out.println("RESPONSE " + millis + " " + out.toString(StandardCharsets.UTF_8));
        }
        System.out.flush();
        // Lettuce's and the song lookups' threads would keep the JVM alive; Lambda freezes it instead.
        System.exit(0);
    }
}
