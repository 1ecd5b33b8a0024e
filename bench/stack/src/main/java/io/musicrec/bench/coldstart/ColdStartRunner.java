package io.musicrec.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ColdStartRunner HANDLER_CLASS EVENT_CLASS EVENT_FILE}, on the function's jar's class path
 * (with aws-lambda-java-serialization and this module's runner jar): one cold start and one event,
 * then one {@code COLDSTART {...}} line with the status and each phase's milliseconds seen from
 * inside the JVM (the caller times the whole). As Lambda's runtime does, a {@code RequestStreamHandler}
 * is streamed the file's bytes (so {@code event_read_ms} is the file read alone), and a
 * {@code RequestHandler} gets the event from the runtime's serializer.
 */
public final class ColdStartRunner {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\":(\\d+)");

    private ColdStartRunner() {
    }

    /**
     * @param args handler class, event class, event file
     * @throws Exception anything the handler or the serializer throws: the run fails visibly
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long mainEntered = System.currentTimeMillis();
        long start = System.nanoTime();
        Class<?> handlerType = Class.forName(args[0]);
        Object response;
        long read;
        long built;
        long handled;
        if (RequestStreamHandler.class.isAssignableFrom(handlerType)) {
            byte[] event = Files.readAllBytes(Path.of(args[2]));
            read = System.nanoTime();
            RequestStreamHandler handler = (RequestStreamHandler) handlerType.getConstructor().newInstance();
            built = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            handled = System.nanoTime();
            Matcher status = STATUS.matcher(out.toString(StandardCharsets.UTF_8));
            response = status.find() ? Integer.valueOf(status.group(1)) : null;
        } else {
            Class<?> eventType = Class.forName(args[1]);
            PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(eventType, ColdStartRunner.class.getClassLoader());
            Object event;
            try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
                event = serializer.fromJson(in);
            }
            read = System.nanoTime();
            RequestHandler handler = (RequestHandler) handlerType.getConstructor().newInstance();
            built = System.nanoTime();
            response = handler.handleRequest(event, null);
            handled = System.nanoTime();
        }
        // Epoch milliseconds for main: the caller, on the same clock, knows when it spawned this JVM.
        // (The process's start instant from /proc is no use here: derived from the boot time, it was
        // off by more than half a second on this machine.)
        System.out.printf(Locale.ROOT, "COLDSTART {\"handler\":\"%s\",\"status\":%d,\"main_entered_epoch_ms\":%d,\"event_read_ms\":%.1f,"
                        + "\"handler_init_ms\":%.1f,\"first_event_ms\":%.1f}%n",
                args[0], status(response), mainEntered, ms(read - start), ms(built - read), ms(handled - built));
        System.out.flush();
        // Client threads (Lettuce, HTTP pools) would keep the JVM alive.
        System.exit(0);
    }

    private static int status(Object response) {
        if (response == null) {
            return -1;
        }
        if (response instanceof Integer streamed) {
            return streamed;
        }
        try {
            Method getter = response.getClass().getMethod("getStatusCode");
            return ((Number) getter.invoke(response)).intValue();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return -1;
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
