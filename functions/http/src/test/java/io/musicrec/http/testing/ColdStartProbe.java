package io.musicrec.http.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run in a fresh JVM with the shaded jar on the class path: constructs the handler with its public
 * no-argument constructor (what Lambda does at a cold start), streams it the first event file's
 * JSON as Lambda does ({@code handleRequest(InputStream, OutputStream, Context)}), then every event
 * once more in order, and prints the timings as one line of JSON after {@code PROBE }:
 *
 * <pre>{@code
 * java -XX:TieredStopAtLevel=1 -cp musicrec-api.jar:musicrec-http-tests.jar \
 *     io.musicrec.http.testing.ColdStartProbe io.musicrec.api.ApiHandler events/api-play.json events/api-search-artists.json ...
 * }</pre>
 *
 * A measurement, not a test: callers report the figures and assert only the statuses.
 */
public final class ColdStartProbe {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\":(\\d+)");

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        Instant mainEntered = Instant.now();
        Instant jvmStarted = ProcessHandle.current().info().startInstant().orElse(mainEntered);

        long t1 = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        long t2 = System.nanoTime();
        String first = invoke(handler, Path.of(args[1]));
        long t3 = System.nanoTime();
        Instant responded = Instant.now();
        // CPU time is steadier than wall time on a shared machine; read after the response, so the
        // management classes it loads are not counted in the cold start.
        long cpuMillis = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        System.out.println("RESPONDED " + status(first));
        System.out.flush();

        StringBuilder later = new StringBuilder();
        List<Integer> statuses = new ArrayList<>(List.of(status(first)));
        for (int i = 1; i < args.length; i++) {
            long start = System.nanoTime();
            String response = invoke(handler, Path.of(args[i]));
            long took = System.nanoTime() - start;
            int status = status(response);
            statuses.add(status);
            later.append(later.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":%.1f",
                    Path.of(args[i]).getFileName(), ms(took)));
            if (status >= 400) {
                System.out.println("BODY " + Path.of(args[i]).getFileName() + " " + response);
            }
        }
        System.out.printf(Locale.ROOT, "PROBE {\"handler\":\"%s\",\"statuses\":%s,\"jvm_start_to_main_ms\":%d,"
                        + "\"handler_init_ms\":%.1f,\"first_event_ms\":%.1f,"
                        + "\"jvm_start_to_first_response_ms\":%d,\"process_cpu_ms_at_first_response\":%d,\"next_events_ms\":{%s}}%n",
                args[0], statuses, Duration.between(jvmStarted, mainEntered).toMillis(),
                ms(t2 - t1), ms(t3 - t2), Duration.between(jvmStarted, responded).toMillis(), cpuMillis, later);
        System.out.flush();
        // Client threads (Lettuce, HTTP pools) would keep the JVM alive.
        System.exit(0);
    }

    /** One event file streamed through the handler, as Lambda does; the response's JSON. */
    private static String invoke(RequestStreamHandler handler, Path event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(event)) {
            handler.handleRequest(in, out, null);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int status(String response) {
        Matcher m = STATUS.matcher(response);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
