package io.musicrec.local.stack;

import io.musicrec.platform.config.Environment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tests' local stacks: started in the test's JVM on a free port with a data directory of its
 * own and no Last.fm files (the catalog comes from the shipped model). External services named by
 * {@code DATABASE_URL}, {@code REDIS_URL}, {@code SQS_ENDPOINT} or {@code S3_ENDPOINT} are used
 * instead of embedded ones. Start one per test class: a start is tens of seconds.
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
        environment.put(StackSettings.MUSICREC_ROOT, repositoryRoot().toString());
        environment.put(StackSettings.MUSICREC_DATA_DIR, data.toString());
        environment.put(StackSettings.MUSICREC_LASTFM_DIR, data.resolve("no-lastfm-files").toString());
        return environment;
    }

    /** Starts a stack with {@code environment}, its startup report to {@code out}. */
    public static LocalStack start(Map<String, String> environment, PrintStream out) {
        StackSettings settings = StackSettings.from(Environment.of(environment::get), Path.of(""));
        return LocalStack.start(settings, environment, Clock.systemUTC(), out);
    }

    /** Deletes a stopped stack's data directory. */
    public static void delete(Path data) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The repository: the first directory above the working directory with {@code model-artifacts/}. */
    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("model-artifacts"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no model-artifacts/ above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
