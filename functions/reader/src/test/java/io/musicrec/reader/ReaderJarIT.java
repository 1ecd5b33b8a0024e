package io.musicrec.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.musicrec.local.services.LocalServices;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar Lambda gets ({@code target/musicrec-reader.jar}, built in {@code package} before
 * Failsafe runs): what is in it, and that it serves an event on its own in a fresh JVM. The cold
 * start figures are printed for the README, not asserted.
 */
class ReaderJarIT {

    static final Path JAR = Path.of("target", "musicrec-reader.jar");

    @Test
    void jarHoldsTheCacheLettuceAndLambdaTypesAndNothingOfTheOtherFunctions() throws Exception {
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = Collections.list(jar.entries()).stream().map(entry -> entry.getName()).toList();
        }
        for (String needed : List.of("io/musicrec/reader/ReaderHandler.class", "io/musicrec/cache/RedisRecommendationCache.class",
                "io/lettuce/core/RedisClient.class", "io/netty/channel/Channel.class",
                "com/amazonaws/services/lambda/runtime/RequestHandler.class",
                "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class",
                "io/musicrec/logging/JsonServiceProvider.class", "META-INF/services/org.slf4j.spi.SLF4JServiceProvider")) {
            assertTrue(entries.contains(needed), needed + " is missing");
        }
        for (String banned : List.of("org/postgresql/", "software/amazon/awssdk/", "se/michaelthelin/", "smile/", "org/bytedeco/",
                "org/flywaydb/", "org/apache/hc/", "io/musicrec/platform/", "io/musicrec/engine/", "io/musicrec/local/")) {
            assertTrue(entries.stream().noneMatch(name -> name.startsWith(banned)), "the reader jar must not hold " + banned);
        }
        System.out.printf("musicrec-reader.jar: %,d bytes (%.2f MiB), %,d entries%n",
                Files.size(JAR), Files.size(JAR) / 1048576.0, entries.size());
        assertTrue(Files.size(JAR) <= 15_000_000, "musicrec-reader.jar is " + Files.size(JAR) + " bytes, over the 15 MB target");
    }

    @Test
    void shadedJarServesTheSampleEventInAFreshJvm() throws Exception {
        try (LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.REDIS), System::getenv)) {
            // Three fresh JVMs for a range: a shared machine's timings vary.
            for (int i = 1; i <= 3; i++) {
                ProbeRun run = ProbeRun.start(JAR, ReaderHandler.class.getName(),
                        Events.directory().resolve("reader-get-recommendations.json"),
                        List.of("REDIS_URL=" + services.redisUrl().orElseThrow()));
                assertEquals(0, run.exitCode, run.output);
                assertTrue(run.output.contains("\"statuses\":[200, 200]"), run.output);
                System.out.println("reader cold start, run " + i + ": process start to first response " + run.processStartToResponseMillis
                        + " ms; " + run.probeLine);
            }
        }
    }

    /** One fresh JVM running {@link ColdStartProbe} against the shaded jar. */
    static final class ProbeRun {
        final int exitCode;
        final String output;
        final String probeLine;
        final long processStartToResponseMillis;

        private ProbeRun(int exitCode, String output, String probeLine, long millis) {
            this.exitCode = exitCode;
            this.output = output;
            this.probeLine = probeLine;
            this.processStartToResponseMillis = millis;
        }

        static ProbeRun start(Path jar, String handler, Path event, List<String> environment) throws Exception {
            String classpath = String.join(File.pathSeparator, jar.toAbsolutePath().toString(), location(ColdStartProbe.class),
                    location(LambdaEventSerializers.class));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // What Lambda's java17 runtime does for a fast start: tiered compilation stopped at C1.
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", classpath, ColdStartProbe.class.getName(), handler, event.toString()));
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
}
