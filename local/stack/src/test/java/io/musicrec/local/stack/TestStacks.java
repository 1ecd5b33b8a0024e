package io.musicrec.local.stack;

import io.musicrec.engine.model.Model;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.testing.Teardown;
import io.musicrec.platform.testing.TestModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tests' local stacks: started in the test's JVM on a free port with a data directory of its
 * own and no Last.fm files (the catalog comes from the shipped model). External services named by
 * {@code DATABASE_URL}, {@code REDIS_URL}, {@code SQS_ENDPOINT} or {@code S3_ENDPOINT} are used
 * instead of embedded ones. Start one per test class (a start is tens of seconds), and close it, its
 * stand-ins and its data directory with one {@link Teardown}.
 */
public final class TestStacks {

    private TestStacks() {
    }

    /** The environment of a stack with its data in {@code data}; a test adds its own variables. */
    public static Map<String, String> environment(Path data) {
        Map<String, String> environment = new HashMap<>();
        for (String external : new String[] {"DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_URL", "SQS_ENDPOINT", "S3_ENDPOINT"}) {
            if (System.getenv(external) != null) {
                environment.put(external, System.getenv(external));
            }
        }
        environment.put(StackSettings.PORT, "0");
        environment.put(StackSettings.MUSICREC_ROOT, TestModels.repositoryRoot().toString());
        environment.put(StackSettings.MUSICREC_DATA_DIR, data.toString());
        environment.put(StackSettings.MUSICREC_LASTFM_DIR, data.resolve("no-lastfm-files").toString());
        return environment;
    }

    /** Starts a stack with {@code environment}, its startup report to {@code out}. */
    public static LocalStack start(Map<String, String> environment, PrintStream out) {
        StackSettings settings = StackSettings.from(Environment.of(environment::get), Path.of(""));
        return LocalStack.start(settings, environment, Clock.systemUTC(), out);
    }

    /** A new data directory for a stack, deleted by {@code teardown} (after what is added later is closed). */
    public static Path dataDirectory(Teardown teardown, String prefix) throws IOException {
        Path data = Files.createTempDirectory(prefix);
        teardown.add(() -> delete(data));
        return data;
    }

    /**
     * A Spotify stand-in that knows, for every artist of the shipped model, the tracks {@code tracks}
     * gives for the artist's name; closed by {@code teardown}.
     */
    public static SpotifyStandIn spotify(Teardown teardown, Function<String, List<SpotifyStandIn.Track>> tracks) {
        SpotifyStandIn spotify = teardown.add(SpotifyStandIn.start(0));
        Model model = TestModels.shipped();
        for (int rank = 0; rank < model.size(); rank++) {
            String name = model.artists().name(model.popular(rank));
            spotify.addArtist(name, tracks.apply(name));
        }
        return spotify;
    }

    /** Deletes a stopped stack's data directory. */
    public static void delete(Path data) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
