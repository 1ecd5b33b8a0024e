package io.musicrec.http.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Run in a fresh JVM with the shaded jar on the class path: reads the event files the way the
 * Lambda runtime does, constructs the handler with its public no-argument constructor (what Lambda
 * does at a cold start), handles the first event, then every event once more in order, and prints
 * the timings as one line of JSON after {@code PROBE }:
 *
 * <pre>{@code
 * java -XX:TieredStopAtLevel=1 -cp musicrec-api.jar:musicrec-http-tests.jar:aws-lambda-java-serialization.jar \
 *     io.musicrec.http.testing.ColdStartProbe io.musicrec.api.ApiHandler events/api-play.json events/api-search-artists.json ...
 * }</pre>
 *
 * A measurement, not a test: callers report the figures and assert only the statuses.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Instant mainEntered = Instant.now();
        Instant jvmStarted = ProcessHandle.current().info().startInstant().orElse(mainEntered);

        long t0 = System.nanoTime();
        PojoSerializer<APIGatewayV2HTTPEvent> serializer =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ColdStartProbe.class.getClassLoader());
        List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                events.add(serializer.fromJson(in));
            }
        }
        long t1 = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getConstructor().newInstance();
        long t2 = System.nanoTime();
        APIGatewayV2HTTPResponse first = handler.handleRequest(events.get(0), null);
        long t3 = System.nanoTime();
        Instant responded = Instant.now();
        // CPU time is steadier than wall time on a shared machine; read after the response, so the
        // management classes it loads are not counted in the cold start.
        long cpuMillis = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        System.out.println("RESPONDED " + first.getStatusCode());
        System.out.flush();

        StringBuilder later = new StringBuilder();
        List<Integer> statuses = new ArrayList<>(List.of(first.getStatusCode()));
        for (int i = 0; i < events.size(); i++) {
            // A second copy: handlers may keep state in the event objects they were given.
            APIGatewayV2HTTPEvent event;
            try (InputStream in = Files.newInputStream(Path.of(args[i + 1]))) {
                event = serializer.fromJson(in);
            }
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            long took = System.nanoTime() - start;
            statuses.add(response.getStatusCode());
            later.append(later.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":%.1f",
                    Path.of(args[i + 1]).getFileName(), ms(took)));
            if (response.getStatusCode() >= 400) {
                System.out.println("BODY " + Path.of(args[i + 1]).getFileName() + " " + response.getBody());
            }
        }
        System.out.printf(Locale.ROOT, "PROBE {\"handler\":\"%s\",\"statuses\":%s,\"jvm_start_to_main_ms\":%d,"
                        + "\"event_deserialisation_ms\":%.1f,\"handler_init_ms\":%.1f,\"first_event_ms\":%.1f,"
                        + "\"jvm_start_to_first_response_ms\":%d,\"process_cpu_ms_at_first_response\":%d,\"next_events_ms\":{%s}}%n",
                args[0], statuses, Duration.between(jvmStarted, mainEntered).toMillis(),
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), Duration.between(jvmStarted, responded).toMillis(), cpuMillis, later);
        System.out.flush();
        // Client threads (Lettuce, HTTP pools) would keep the JVM alive.
        System.exit(0);
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
