package io.musicrec.http.testing;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One fresh JVM running {@link ColdStartProbe} against the shaded jar. */
public final class ProbeRun {
    public final int exitCode;
    public final String output;
    public final String probeLine;
    public final long processStartToResponseMillis;

    private ProbeRun(int exitCode, String output, String probeLine, long millis) {
        this.exitCode = exitCode;
        this.output = output;
        this.probeLine = probeLine;
        this.processStartToResponseMillis = millis;
    }

    /** Runs the probe over {@code events} with {@code environment} ({@code NAME=value}) and no extra JVM options. */
    public static ProbeRun start(Path jar, String handler, List<Path> events, List<String> environment) throws Exception {
        return start(jar, handler, events, environment, List.of());
    }

    /**
     * Runs the probe in a fresh JVM: {@code jar}, this probe and the runtime's event serializer on the
     * class path, C1 only (as the request functions ask of Lambda's runtime), {@code jvmOptions} added.
     */
    public static ProbeRun start(Path jar, String handler, List<Path> events, List<String> environment, List<String> jvmOptions)
            throws Exception {
        String classpath = String.join(File.pathSeparator, jar.toAbsolutePath().toString(), location(ColdStartProbe.class),
                location(LambdaEventSerializers.class));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What the request functions ask of Lambda for a fast start: tiered compilation stopped at C1.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), handler));
        events.forEach(event -> command.add(event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("REDIS_")
                || name.startsWith("SQS_") || name.startsWith("S3_") || name.startsWith("SPOTIFY_") || name.startsWith("MODEL_"));
        for (String pair : environment) {
            int eq = pair.indexOf('=');
            builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        long started = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        long respondedAt = -1;
        String probeLine = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESPONDED") && respondedAt < 0) {
                    respondedAt = System.nanoTime();
                }
                if (line.startsWith("PROBE ")) {
                    probeLine = line.substring("PROBE ".length());
                }
                output.append(line).append('\n');
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        long millis = respondedAt < 0 ? -1 : (respondedAt - started) / 1_000_000;
        return new ProbeRun(process.exitValue(), output.toString(), probeLine, millis);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
