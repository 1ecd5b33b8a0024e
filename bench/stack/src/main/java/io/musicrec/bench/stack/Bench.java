package io.musicrec.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.local.stack.DataDirectory;
import io.musicrec.local.stack.StackSettings;
import io.musicrec.local.stack.lambda.LambdaLaunch;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.QueueSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code local/bench [options]}: measures the running local stack over HTTP (start it with {@code
 * local/start}): plays from concurrent keep-alive clients (artists drawn by Last.fm listeners, counted
 * after a warm-up) and the worker's drain of what they queued; open-loop reads of {@code GET
 * /recommendations}, latency counted from each request's intended send time so a stall is not hidden
 * by the requests it delayed; and cold starts of the shaded jars in fresh JVMs launched as Lambda's
 * java25 runtime would ({@link LambdaLaunch}). Options and their defaults are in {@code --help}; the
 * method and the figures are in bench/README.md.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {
    }

    /** The options and their defaults. */
    private static final class Options {
        String url;
        int clients = 16;
        int usersPerClient = 25;
        /**
         * Seconds of play load before the plays are counted. A fresh stack runs well below its steady rate
         * until the JIT has compiled it ({@code --warmup 240 --no-reads --no-cold} measures the steady rate);
         * longer warm-ups in a full run queue more recalculations than the worker drains before the reads.
         */
        int warmup = 30;
        int readWarmup = 30;
        int seconds = 20;
        int readRate = 200;
        int readSeconds = 20;
        int readThreads = 4;
        int coldRuns = 3;
        int drainTimeout = 300;
        boolean plays = true;
        boolean reads = true;
        boolean cold = true;
        boolean aotCache;
    }

    /**
     * {@code local/bench}: exits with {@link #run}'s status, or 1 with one line when the settings or
     * the stack's data directory cannot be read.
     *
     * @param args options (see {@code --help})
     */
    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (ConfigurationException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            System.err.println("musicrec bench: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(1);
        }
    }

    /**
     * Runs the bench.
     *
     * @param args options (see {@code --help})
     * @param out  where the figures go
     * @return the exit status: 0, or 1 when the stack does not answer or a part failed
     */
    public static int run(String[] args, PrintStream out) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--url" -> { options.url = value; i++; }
                case "--clients" -> { options.clients = positive(arg, value); i++; }
                case "--users-per-client" -> { options.usersPerClient = positive(arg, value); i++; }
                case "--warmup" -> { options.warmup = Integer.parseInt(value); i++; }
                case "--read-warmup" -> { options.readWarmup = Integer.parseInt(value); i++; }
                case "--seconds" -> { options.seconds = positive(arg, value); i++; }
                case "--read-rate" -> { options.readRate = positive(arg, value); i++; }
                case "--read-seconds" -> { options.readSeconds = positive(arg, value); i++; }
                case "--read-threads" -> { options.readThreads = positive(arg, value); i++; }
                case "--cold-runs" -> { options.coldRuns = positive(arg, value); i++; }
                case "--drain-timeout" -> { options.drainTimeout = Integer.parseInt(value); i++; }
                case "--no-plays" -> options.plays = false;
                case "--no-reads" -> options.reads = false;
                case "--no-cold" -> options.cold = false;
                case "--aot-cache" -> options.aotCache = true;
                case "--help", "-h" -> {
                    out.println("usage: local/bench [--url http://127.0.0.1:3000] [--clients 16] [--users-per-client 25] [--warmup 30] [--seconds 20]"
                            + " [--read-rate 200] [--read-warmup 30] [--read-seconds 20] [--read-threads 4] [--cold-runs 3] [--drain-timeout 300]"
                            + " [--no-plays] [--no-reads] [--no-cold] [--aot-cache]");
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown bench option " + arg + " (see --help)");
            }
        }
        StackSettings settings = StackSettings.from(Environment.system(), Path.of(""));
        URI base = URI.create(options.url != null ? options.url : "http://127.0.0.1:" + (settings.port() == 0 ? 3000 : settings.port()));
        Map<String, String> functions = DataDirectory.readFunctionEnvironment(settings.dataDirectory());

        out.printf(Locale.ROOT, "musicrec bench, %s, %d CPUs, java %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf("target: %s (local stack with data in %s)%n", base, settings.dataDirectory());
        out.println("load average (1, 5, 15 min) at start: " + loadAverage());
        try (HttpConnection probe = new HttpConnection(base.getHost(), base.getPort())) {
            if (probe.send("GET", "/local/health", null, null).status() != 200) {
                throw new IllegalStateException("the stack at " + base + " does not answer GET /local/health with 200");
            }
        } catch (IOException e) {
            out.println("no stack answers at " + base + " (start it with local/start): " + e);
            return 1;
        }
        int status = 0;
        try {
            List<User> users = users(base, options.clients * options.usersPerClient, out);
            if (options.plays) {
                plays(base, users, ArtistDraw.byListeners(ModelArtifact.read(settings.modelDirectory())), options, out);
                out.println("load average after the plays: " + loadAverage());
                drain(functions, options.drainTimeout, out);
            }
            if (options.reads) {
                reads(base, users, options, out);
                out.println("load average after the reads: " + loadAverage());
            }
            if (options.cold) {
                Path root = settings.root();
                coldStart(out, functions, options, root, "ApiFunction", root.resolve("events/api-play.json"), "POST /plays");
                coldStart(out, functions, options, root, "UsersFunction", root.resolve("events/users-register.json"), "POST /users");
                coldStart(out, functions, options, root, "ModelFunction", root.resolve("events/ml-model-recommendations.json"),
                        "POST /model/recommendations");
                coldStart(out, functions, options, root, "ReaderFunction", root.resolve("events/reader-get-recommendations.json"),
                        "GET /recommendations");
                out.println("load average after the cold starts: " + loadAverage());
            }
        } catch (IOException e) {
            out.println("bench failed: " + e);
            status = 1;
        } catch (RuntimeException e) {
            out.println("bench failed: " + e);
            e.printStackTrace(out);
            status = 1;
        }
        return status;
    }

    private static int positive(String option, String value) {
        int parsed = Integer.parseInt(value);
        if (parsed < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
        return parsed;
    }

    /** A bench user: its connection and token. */
    private record User(String name, String authorization) {
    }

    private static List<User> users(URI base, int count, PrintStream out) throws IOException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<User> users = new ArrayList<>();
        try (HttpConnection connection = new HttpConnection(base.getHost(), base.getPort())) {
            for (int i = 0; i < count; i++) {
                String name = "bench-" + run + "-" + i;
                HttpConnection.Response token = connection.send("POST", "/local/token", null, "{\"sub\":\"" + name + "\"}");
                if (token.status() != 200) {
                    throw new IllegalStateException("POST /local/token answered " + token.status() + ": " + token.body());
                }
                String authorization = "Bearer " + JSON.readTree(token.body()).get("token").asText();
                HttpConnection.Response registered = connection.send("POST", "/users", authorization, null);
                if (registered.status() != 201 && registered.status() != 200) {
                    throw new IllegalStateException("POST /users answered " + registered.status() + ": " + registered.body());
                }
                users.add(new User(name, authorization));
            }
        }
        out.printf("%d users registered (bench-%s-0..%d), each with its own token%n", count, run, count - 1);
        return users;
    }

    private static void plays(URI base, List<User> users, ArtistDraw artists, Options options, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "%nplays: %d clients with %d users each, POST /plays of catalog artists drawn by listeners (%,d artists),"
                        + " %d s warm-up, %d s measured%n",
                options.clients, options.usersPerClient, artists.size(), options.warmup, options.seconds);
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmup);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(options.seconds);
        Latencies latency = new Latencies();
        AtomicLong counted = new AtomicLong();
        ClientThreads clients = new ClientThreads(base, "bench-client");
        for (int i = 0; i < options.clients; i++) {
            List<User> mine = users.subList(i * options.usersPerClient, (i + 1) * options.usersPerClient);
            SplittableRandom random = new SplittableRandom(i);
            clients.start(connection -> {
                for (int turn = 0; ; turn++) {
                    User user = mine.get(turn % mine.size());
                    String body = "{\"artist_id\":" + artists.next(random) + "}";
                    long sent = System.nanoTime();
                    if (sent >= measureTo) {
                        return;
                    }
                    HttpConnection.Response response = connection.send("POST", "/plays", user.authorization(), body);
                    long answered = System.nanoTime();
                    if (sent >= measureFrom && answered <= measureTo) {
                        if (response.status() == 200) {
                            counted.incrementAndGet();
                            latency.record(answered - sent);
                        } else {
                            clients.failed(response);
                        }
                    }
                }
            });
        }
        clients.join();
        out.printf(Locale.ROOT, "  %,d plays recorded in %d s: %,.1f plays/s; %s%n", counted.get(), options.seconds,
                counted.get() / (double) options.seconds, clients.errors());
        out.println("  latency of POST /plays under this load: " + latency.summary());
    }

    private static void drain(Map<String, String> functions, int timeoutSeconds, PrintStream out) {
        if (timeoutSeconds <= 0) {
            return;
        }
        QueueSettings queue = QueueSettings.from(Environment.of(functions::get));
        try (SqsClient sqs = AwsClients.sqs(queue)) {
            long start = System.nanoTime();
            long first = -1;
            while (true) {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.queueUrl().toString())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                long waiting = Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
                if (first < 0) {
                    first = waiting;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (waiting == 0) {
                    out.printf(Locale.ROOT, "worker: the %,d recalculations queued when the plays ended were done %.1f s later (%,.0f/s)%n",
                            first, seconds, first / Math.max(seconds, 0.001));
                    return;
                }
                if (seconds > timeoutSeconds) {
                    out.printf(Locale.ROOT, "worker: %,d of %,d recalculations still queued after %d s; going on%n", waiting, first, timeoutSeconds);
                    return;
                }
                sleep(250);
            }
        }
    }

    private static void reads(URI base, List<User> users, Options options, PrintStream out) {
        out.printf(Locale.ROOT, "%nreads: GET /recommendations at %d/s for %d s (after %d s at that rate unmeasured), %d sender threads,"
                + " latency from the intended send time%n", options.readRate, options.readSeconds, options.readWarmup, options.readThreads);
        long interval = TimeUnit.SECONDS.toNanos(1) / options.readRate;
        long warmupRequests = (long) options.readRate * options.readWarmup;
        long total = warmupRequests + (long) options.readRate * options.readSeconds;
        AtomicLong next = new AtomicLong();
        Latencies fromIntended = new Latencies();
        Latencies fromSent = new Latencies();
        ClientThreads clients = new ClientThreads(base, "bench-reader");
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int t = 0; t < options.readThreads; t++) {
            clients.start(connection -> {
                long k;
                while ((k = next.getAndIncrement()) < total) {
                    long intended = start + k * interval;
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long sent = System.nanoTime();
                    HttpConnection.Response response = connection.send("GET", "/recommendations",
                            users.get((int) (k % users.size())).authorization(), null);
                    long answered = System.nanoTime();
                    if (k < warmupRequests) {
                        continue;
                    }
                    if (response.status() == 200) {
                        fromIntended.record(answered - intended);
                        fromSent.record(answered - sent);
                    } else {
                        clients.failed(response);
                    }
                }
            });
        }
        clients.join();
        long elapsed = System.nanoTime() - start;
        out.printf(Locale.ROOT, "  %,d requests answered 200 (%,.1f/s over the whole run), %s%n", fromIntended.count(),
                total / (elapsed / 1e9), clients.errors());
        out.println("  latency from the intended send time: " + fromIntended.summary());
        out.println("  latency from the actual send time:   " + fromSent.summary());
    }

    private static void coldStart(PrintStream out, Map<String, String> functions, Options options, Path root, String resource, Path eventFile,
                                  String route) {
        LambdaLaunch.Function function;
        try {
            function = LambdaLaunch.function(Files.readString(root.resolve("template.yaml")), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve("template.yaml"), e);
        }
        Path jar = root.resolve(function.codeUri());
        if (!Files.isRegularFile(jar)) {
            out.printf(Locale.ROOT, "%ncold start: %s: %s is missing: build it with mvn -B -q -DskipTests package -pl local/stack -am%n", resource, jar);
            return;
        }
        int runs = options.coldRuns;
        out.printf(Locale.ROOT, "%ncold start: %s (%s), %d fresh JVMs as Lambda's java25 runtime starts them (%d MB: %s%s),"
                        + " the package unpacked as in /var/task, an empty java.io.tmpdir, the stack's services%n", resource, route, runs,
                function.memoryMegabytes(), String.join(" ", LambdaLaunch.jvmOptions(function)),
                function.javaToolOptions().map(toolOptions -> "; JAVA_TOOL_OPTIONS " + toolOptions).orElse(""));
        Path runner = runnerJar();
        Path serialization = serializationJar(runner.getParent().resolve("lib"));
        out.printf(Locale.ROOT, "  jar: %s, %,d bytes (%.1f MiB)%n", jar.getFileName(), size(jar), size(jar) / 1048576.0);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("musicrec-coldstart-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            Path task = scratch.resolve("task");
            LambdaLaunch.unpack(jar, task);
            ColdStart start = new ColdStart(functions, function, eventFile, serialization, runner, scratch);
            List<ColdRun> unpacked = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                start.run(task, List.of(), "run " + (run + 1), out).ifPresent(unpacked::add);
            }
            for (int i = 0; i < unpacked.size(); i++) {
                out.printf(Locale.ROOT, "  run %d: %s%n", i + 1, unpacked.get(i));
            }
            out.println("  fresh JVM to first response: " + ColdRun.summary(unpacked));
            if (options.aotCache) {
                aotCacheComparison(out, start, jar, runs, scratch);
            }
        } finally {
            try {
                AtomicFiles.deleteRecursively(scratch);
            } catch (UncheckedIOException e) {
                out.println("  could not delete " + scratch + ": " + e.getCause());
            }
        }
    }

    /**
     * The same cold start with the jar itself on the class path, without and with an ahead-of-time
     * cache written by a training run of this very JVM: a cache cannot hold the classes of a
     * directory, so it cannot serve the unpacked {@code /var/task} layout the managed runtime uses.
     */
    private static void aotCacheComparison(PrintStream out, ColdStart start, Path jar, int runs, Path scratch) {
        Path cache = scratch.resolve("function.aot");
        long began = System.nanoTime();
        start.run(jar, List.of("-XX:AOTCacheOutput=" + cache), "training", out);
        if (!Files.isRegularFile(cache)) {
            out.println("  ahead-of-time cache: the training run wrote none");
            return;
        }
        out.printf(Locale.ROOT, "  ahead-of-time cache: %,d bytes, written by a training run of %,d ms (JDK %s)%n", size(cache),
                (System.nanoTime() - began) / 1_000_000, System.getProperty("java.vm.version"));
        List<ColdRun> plain = new ArrayList<>();
        List<ColdRun> cached = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            start.run(jar, List.of(), "jar run " + (run + 1), out).ifPresent(plain::add);
            start.run(jar, List.of("-XX:AOTCache=" + cache), "cached run " + (run + 1), out).ifPresent(cached::add);
        }
        out.println("  the jar on the class path, interleaved with the next: " + ColdRun.summary(plain));
        out.println("  the jar with the cache (-XX:AOTCache):                " + ColdRun.summary(cached));
    }

    /** One measured start: spawn to the response line, spawn to {@code main}, and the runner's figures from inside the JVM. */
    private record ColdRun(long spawnToResponseMillis, long spawnToMainMillis, JsonNode inside) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "spawn to response %,d ms (status %d; spawn to main %d ms, then event read %.0f ms,"
                            + " handler init %.0f ms, first event %.0f ms)", spawnToResponseMillis, inside.path("status").asInt(), spawnToMainMillis,
                    inside.path("event_read_ms").asDouble(), inside.path("handler_init_ms").asDouble(), inside.path("first_event_ms").asDouble());
        }

        static String summary(List<ColdRun> runs) {
            if (runs.isEmpty()) {
                return "no run answered";
            }
            List<Long> sorted = runs.stream().map(ColdRun::spawnToResponseMillis).sorted().toList();
            return String.format(Locale.ROOT, "median %,d ms (min %,d, max %,d, %d runs)", sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1), sorted.size());
        }
    }

    /** Starts fresh JVMs of one function through the cold-start runner, each with an empty {@code java.io.tmpdir}, and times them. */
    private static final class ColdStart {
        private final Map<String, String> functions;
        private final LambdaLaunch.Function function;
        private final Path eventFile;
        private final Path serialization;
        private final Path runner;
        private final Path scratch;
        private int started;

        ColdStart(Map<String, String> functions, LambdaLaunch.Function function, Path eventFile, Path serialization, Path runner,
                  Path scratch) {
            this.functions = functions;
            this.function = function;
            this.eventFile = eventFile;
            this.serialization = serialization;
            this.runner = runner;
            this.scratch = scratch;
        }

        /** One JVM with {@code code} (the unpacked directory or the jar) first on the class path and {@code options} added. */
        Optional<ColdRun> run(Path code, List<String> options, String label, PrintStream out) {
            Path tmp = scratch.resolve("tmp-" + started++);
            try {
                Files.createDirectories(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + tmp, e);
            }
            List<String> jvmOptions = new ArrayList<>(options);
            jvmOptions.add("-Djava.io.tmpdir=" + tmp);
            ProcessBuilder builder = LambdaLaunch.jvm(function, functions, jvmOptions, List.of(code, serialization, runner),
                    "io.musicrec.bench.coldstart.ColdStartRunner", function.handlerClass(),
                    function.handlerClass().contains("Worker") ? "com.amazonaws.services.lambda.runtime.events.SQSEvent"
                            : "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                    eventFile.toString());
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            long spawned = System.nanoTime();
            long spawnedEpochMillis = System.currentTimeMillis();
            try {
                Process process = builder.start();
                ColdRun measured = null;
                String line;
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("COLDSTART ")) {
                            long external = (System.nanoTime() - spawned) / 1_000_000;
                            JsonNode figures = JSON.readTree(line.substring("COLDSTART ".length()));
                            measured = new ColdRun(external, figures.path("main_entered_epoch_ms").asLong() - spawnedEpochMillis, figures);
                        }
                    }
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                if (measured == null) {
                    out.println("  " + label + ": no response line (exit " + process.exitValue() + ")");
                }
                return Optional.ofNullable(measured);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + builder.command().get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The runner jar beside the bench's jar (or under bench/stack/target when run from classes). */
    private static Path runnerJar() {
        Path target;
        try {
            target = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path runner = target.resolve("musicrec-bench-stack-coldstart.jar");
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner + " is missing: build with mvn -B -q -DskipTests package -pl bench/stack -am");
        }
        return runner;
    }

    private static Path serializationJar(Path lib) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().startsWith("aws-lambda-java-serialization-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no aws-lambda-java-serialization jar in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "(unknown: no /proc/loadavg)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
