package io.musicrec.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.http.testing.ProbeRun;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.platform.testing.JarCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar Lambda gets ({@code target/musicrec-users.jar}, built in {@code package} before
 * Failsafe runs): what is in it, and that it registers the sample event's caller on its own in
 * fresh JVMs (201, then 200 for the same caller).
 * Its size and the cold-start figures are printed; the size is also held to its target.
 */
class UsersJarIT {

    static final Path JAR = Path.of("target", "musicrec-users.jar");
    /**
     * The target for the HTTP functions' jars was 15 MB; the Secrets Manager client (SDK core,
     * regions, auth, the JSON protocol: 4.9 MB) took this jar from 14.9 to 19.8 MB (bench/README.md, "Secrets").
     */
    static final long TARGET_JAR_BYTES = 20_500_000;

    @Test
    void jarHoldsPgjdbcLettuceSpotifyAndOfTheAwsSdkOnlyTheSecretsManagerClient() throws Exception {
        // Of the AWS SDK only the Secrets Manager client: S3 and SQS are excluded from the class path (pom.xml).
        List<String> entries = new JarCheck(JAR, "the users jar", List.of("io/musicrec/users/UsersHandler.class",
                "io/musicrec/http/Router.class", "io/musicrec/platform/plays/PostgresPlayStore.class", "org/postgresql/Driver.class", "io/lettuce/core/RedisClient.class",
                "se/michaelthelin/spotify/SpotifyApi.class", "io/musicrec/logging/JsonServiceProvider.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class",
                "org/joda/time/DateTime.class", "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"),
                List.of("software/amazon/awssdk/services/s3/", "software/amazon/awssdk/services/sqs/", "io/musicrec/api/", "io/musicrec/ml/",
                "io/musicrec/reader/", "io/musicrec/worker/", "io/musicrec/trainer/", "io/musicrec/local/", "smile/", "org/bytedeco/",
                "org/flywaydb/", "software/amazon/awssdk/http/nio/netty/", "software/amazon/awssdk/http/apache/", "org/junit/",
                "com/amazonaws/services/lambda/runtime/serialization/", "org/slf4j/simple/"),
                TARGET_JAR_BYTES).verify();
        // The parts the shade filters cut (pom.xml): nothing left in the jar refers to them, but for
        // Spotify's browse requests, which the function never builds.
        List<String> cut = List.of("io/lettuce/core/dynamic/", "io/netty/handler/traffic/", "io/netty/handler/pcap/",
                "io/netty/handler/ipfilter/", "io/netty/handler/stream/", "io/netty/handler/codec/serialization/",
                "io/netty/channel/embedded/", "com/neovisionaries/i18n/Language", "com/neovisionaries/i18n/Locale",
                "com/neovisionaries/i18n/Currency", "com/neovisionaries/i18n/Script", "org/joda/time/tz/data/");
        // Referrers that stay although what they refer to is cut: code this function never runs, and
        // the JVM resolves a reference only when the code runs.
        Map<String, String> unusedReferrers = Map.of("com/neovisionaries/i18n/Language", "se/michaelthelin/spotify/requests/data/browse/",
                // CountryCode.UNDEFINED.toLocale(): the function passes country codes, never asks for a Locale.
                "com/neovisionaries/i18n/Locale", "com/neovisionaries/i18n/CountryCode$1",
                // ZoneInfoProvider names its resource directory; it is never loaded (see below).
                "org/joda/time/tz/data/", "org/joda/time/");
        for (String prefix : cut) {
            assertFalse(entries.stream().anyMatch(name -> name.startsWith(prefix) && !name.endsWith("/")), prefix + " was to be cut");
        }
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                for (String prefix : cut) {
                    String allowed = unusedReferrers.get(prefix);
                    if (text.contains(prefix) && !entry.getName().startsWith(prefix) && (allowed == null || !entry.getName().startsWith(allowed))) {
                        throw new AssertionError(entry.getName() + " refers to " + prefix + ", which the shade filters cut");
                    }
                }
            }
        }
    }

    @Test
    void shadedJarServesTheSampleEventInAFreshJvm() throws Exception {
        TestStack stack = TestStack.get();
        List<Path> events = List.of(SampleHttpEvents.directory().resolve(SampleHttpEvents.REGISTER));
        String caller = SampleHttpEvents.load(SampleHttpEvents.REGISTER).getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
        // Three fresh JVMs for a range (a shared machine's timings vary); the sample caller is
        // forgotten before each, so each run registers anew (201) and then finds the user (200).
        for (int i = 1; i <= 3; i++) {
            stack.forget(caller);
            List<String> environment = stack.environment().entrySet().stream()
                    .map(variable -> variable.getKey() + "=" + variable.getValue()).toList();
            // The first run lists the classes loaded: Joda's time-zone database is cut, so nothing may reach for it.
            List<String> jvmOptions = i == 1 ? List.of("-Xlog:class+load=info") : List.of();
            ProbeRun run = ProbeRun.start(JAR, UsersHandler.class.getName(), events, environment, jvmOptions);
            assertEquals(0, run.exitCode, run.output);
            assertTrue(run.output.contains("\"statuses\":[201, 200]"), run.output);
            if (i == 1) {
                assertTrue(run.output.contains(" io.musicrec.users.UsersHandler "), "the class-load log is there");
                // The function reads its event itself (HttpApiEventCodec): the runtime's serializer, the
                // one user of Joda here, is never loaded, let alone Joda's cut time zones.
                assertFalse(run.output.contains(" org.joda.time."), "Joda was loaded");
                // Nor is an ObjectMapper built: the suggestions document, the song cache's entries and
                // the responses are written (and the entries read) with jackson-core alone.
                int mapper = run.output.indexOf(" com.fasterxml.jackson.databind.ObjectMapper ");
                assertEquals(-1, mapper, () -> "an ObjectMapper was built, after:\n" + run.output.substring(Math.max(0, mapper - 3000), mapper));
            }
            System.out.println("users cold start, run " + i + ": process start to first response " + run.processStartToResponseMillis
                    + " ms; " + run.probeLine);
        }
    }
}
