package io.musicrec.local.stack.invoke;

import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.http.Json;
import io.musicrec.local.stack.DataDirectory;
import io.musicrec.local.stack.StackSettings;
import io.musicrec.local.stack.lambda.LambdaLaunch;
import io.musicrec.local.stack.lambda.RuntimeApiServer;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code local/invoke FUNCTION [EVENT.json]}: {@code sam local invoke} without Docker. The function
 * handles the event once in a fresh JVM started as Lambda's java25 runtime would ({@link
 * LambdaLaunch}), under AWS's runtime interface client talking to our {@link RuntimeApiServer}, with
 * the running stack's environment. The answer goes to stdout, the rest to stderr; exit 0, 1 (error,
 * timeout, JVM died) or 2 (usage). The {@code REPORT} line's {@code Init Duration} runs from spawning
 * the JVM to the first {@code /next}, and {@code Max Memory Used} is the JVM's peak RSS, not the
 * sandbox's. The runtime client's native part exists for Linux only.
 */
public final class Invoke {

    /** AWS's runtime client's main class. */
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The system property that tells the runtime client where its native library is. */
    static final String NATIVE_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** How long the function's JVM may take to ask for its event: Lambda's init limit is 10 s, a shared laptop gets more. */
    static final Duration INIT_BOUND = Duration.ofSeconds(30);

    private Invoke() {
    }

    /**
     * The command: {@code args} are {@code FUNCTION [EVENT.json | -]} (no event is {@code {}}, as in SAM;
     * {@code -} is stdin); the answer goes to {@code out}, the rest to {@code err}. Returns the exit status.
     */
    public static int run(String[] args, Environment environment, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            err.println("usage: local/invoke FUNCTION [EVENT.json | -]   e.g. local/invoke ReaderFunction events/reader-get-recommendations.json");
            return 2;
        }
        StackSettings settings = StackSettings.from(environment, workingDirectory);
        Map<String, String> functions = DataDirectory.readFunctionEnvironment(settings.dataDirectory());
        Path root = settings.root();
        LambdaLaunch.Function function = LambdaLaunch.function(read(root.resolve("template.yaml")), args[0]);
        byte[] event;
        try {
            event = args.length == 1 ? "{}".getBytes(StandardCharsets.UTF_8)
                    : args[1].equals("-") ? System.in.readAllBytes() : Files.readAllBytes(workingDirectory.resolve(args[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event " + args[1], e);
        }
        return invoke(function, root.resolve(function.codeUri()), functions, event, out, err);
    }

    /**
     * Handles {@code event} once with {@code function} from {@code jar} in the stack's functions'
     * {@code environment}; the answer goes to {@code out}, the rest to {@code err}. Returns the exit status.
     */
    static int invoke(LambdaLaunch.Function function, Path jar, Map<String, String> environment, byte[] event, PrintStream out,
                      PrintStream err) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("local/invoke needs Linux: AWS's runtime interface client ships its native Runtime API client"
                    + " for Linux only; use sam local invoke (Docker) here");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -q -DskipTests package -pl local/stack -am");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("musicrec-invoke-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try (RuntimeApiServer api = RuntimeApiServer.start("arn:aws:lambda:" + environment.getOrDefault(EnvironmentVariables.AWS_REGION,
                "us-east-1") + ":000000000000:function:" + function.resource(), Clock.systemUTC())) {
            Path task = scratch.resolve("task");
            Path tmp = scratch.resolve("tmp");
            LambdaLaunch.unpack(jar, task);
            Files.createDirectories(tmp);
            List<Path> runtime = runtimeJars();
            Path nativeClient = nativeClient(runtime.getFirst(), scratch);
            RuntimeApiServer.Invocation invocation = api.submit(event, function.timeout());
            Map<String, String> variables = new HashMap<>(environment);
            variables.putAll(lambdaVariables(function, api.address(), task, runtime.getFirst().getParent()));
            // The runtime client loads its JNI library with System.load, which Java 25 warns about unless
            // granted; a function that needs native access itself says so in its JAVA_TOOL_OPTIONS (the trainer).
            ProcessBuilder builder = LambdaLaunch.jvm(function, variables, List.of("--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + tmp, "-D" + NATIVE_CLIENT + "=" + nativeClient), runtime, RUNTIME_CLIENT, function.handler());
            builder.directory(task.toFile());
            err.println("START RequestId: " + invocation.requestId() + " Version: $LATEST");
            err.flush();
            long spawned = System.nanoTime();
            Process process = builder.start();
            List<Thread> pumps = List.of(pump(process.getInputStream(), err), pump(process.getErrorStream(), err));
            try {
                return await(function, invocation, process, spawned, pumps, out, err);
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + function.resource() + "'s JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                AtomicFiles.deleteRecursively(scratch);
            } catch (UncheckedIOException e) {
                err.println("musicrec-local: could not delete " + scratch + ": " + e.getCause());
            }
        }
    }

    /** Waits for the first poll within {@link #INIT_BOUND}, then the outcome within the function's timeout. */
    private static int await(LambdaLaunch.Function function, RuntimeApiServer.Invocation invocation, Process process, long spawned,
                             List<Thread> pumps, PrintStream out, PrintStream err) throws InterruptedException {
        String id = invocation.requestId();
        if (!completes(CompletableFuture.anyOf(invocation.handedOut(), invocation.outcome(), process.onExit()), INIT_BOUND)) {
            return stop(process, pumps, out, err, id, "Runtime.InitTimeout", function.resource() + " did not ask for its event within "
                    + INIT_BOUND.toSeconds() + " s of its JVM's start");
        }
        if (!invocation.handedOut().isDone() && !invocation.outcome().isDone()) {
            return stop(process, pumps, out, err, id, "Runtime.ExitError",
                    "Runtime exited with error: exit status " + process.exitValue() + " before asking for its event");
        }
        long handedOut = invocation.handedOut().getNow(System.nanoTime());
        double initMillis = (handedOut - spawned) / 1e6;
        if (!completes(CompletableFuture.anyOf(invocation.outcome(), process.onExit()), function.timeout())) {
            String seconds = String.format(Locale.ROOT, "%.2f", function.timeout().toMillis() / 1000.0);
            stop(process, pumps, out, err, id, "Sandbox.Timedout", "Task timed out after " + seconds + " seconds");
            report(err, function, id, initMillis, (System.nanoTime() - handedOut) / 1e6, Optional.empty());
            return 1;
        }
        if (!invocation.outcome().isDone()) {
            process.waitFor();
            return stop(process, pumps, out, err, id, "Runtime.ExitError", "Runtime exited with error: exit status " + process.exitValue());
        }
        RuntimeApiServer.Outcome outcome = invocation.outcome().join();
        Optional<Long> memory = peakResidentMegabytes(process);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        join(pumps);
        err.println("END RequestId: " + id);
        report(err, function, id, initMillis, outcome.nanos() > handedOut ? (outcome.nanos() - handedOut) / 1e6 : 0, memory);
        out.println(new String(outcome.body(), StandardCharsets.UTF_8));
        out.flush();
        return outcome instanceof RuntimeApiServer.Response ? 0 : 1;
    }

    /** Kills the JVM and prints an error the way Lambda answers one the function did not report itself. */
    private static int stop(Process process, List<Thread> pumps, PrintStream out, PrintStream err, String id, String type, String message)
            throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        join(pumps);
        err.println("END RequestId: " + id);
        out.println(Json.write(Json.object().put("errorType", type).put("errorMessage", "RequestId: " + id + " Error: " + message)));
        out.flush();
        return 1;
    }

    private static void report(PrintStream err, LambdaLaunch.Function function, String id, double initMillis, double millis,
                               Optional<Long> memory) {
        err.printf(Locale.ROOT, "REPORT RequestId: %s\tInit Duration: %.2f ms\tDuration: %.2f ms\tMemory Size: %d MB%s%n", id, initMillis,
                millis, function.memoryMegabytes(), memory.map(megabytes -> "\tMax Memory Used: " + megabytes + " MB").orElse(""));
        err.flush();
    }

    private static boolean completes(CompletableFuture<?> future, Duration bound) throws InterruptedException {
        try {
            future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** The variables Lambda gives a java25 function beside its own. */
    static Map<String, String> lambdaVariables(LambdaLaunch.Function function, String runtimeApi, Path task, Path runtime) {
        Map<String, String> variables = new HashMap<>();
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.resource());
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMegabytes()));
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.resource());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        variables.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat().toUpperCase(Locale.ROOT).equals("JSON") ? "JSON" : "TEXT");
        function.logLevel().ifPresent(level -> variables.put("AWS_LAMBDA_LOG_LEVEL", level));
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        variables.put("LAMBDA_TASK_ROOT", task.toString());
        variables.put("LAMBDA_RUNTIME_DIR", runtime.toString());
        variables.put("_HANDLER", function.handler());
        variables.put("TZ", ":UTC");
        return variables;
    }

    /** {@code target/lambda-runtime/*.jar}, the runtime client first. */
    private static List<Path> runtimeJars() {
        Path directory = LambdaLaunch.buildDirectory().resolve("lambda-runtime");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> file.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }
        jars.sort((a, b) -> Boolean.compare(!isRuntimeClient(a), !isRuntimeClient(b)));
        if (jars.isEmpty() || !isRuntimeClient(jars.getFirst())) {
            throw new IllegalStateException("no runtime interface client in " + directory
                    + ": build it with mvn -B -q -DskipTests package -pl local/stack -am");
        }
        return List.copyOf(jars);
    }

    private static boolean isRuntimeClient(Path jar) {
        return jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-");
    }

    /**
     * The runtime client's JNI library for this machine, unpacked into {@code scratch}: left to
     * itself the client writes it to one fixed {@code /tmp} path that every invocation and user shares.
     */
    private static Path nativeClient(Path runtimeClient, Path scratch) throws IOException {
        String arch = System.getProperty("os.arch", "");
        String name = "jni/libaws-lambda-jni.linux-" + (arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64") + ".so";
        Path target = scratch.resolve("libaws-lambda-jni.so");
        try (ZipFile zip = new ZipFile(runtimeClient.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new IllegalStateException(runtimeClient + " has no " + name + ": the runtime client does not run on " + arch);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
        }
        return target;
    }

    /** The JVM's peak resident set in MB, from {@code /proc/PID/status}; empty where there is none. */
    private static Optional<Long> peakResidentMegabytes(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kibibytes = Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
                    return Optional.of(Math.round(kibibytes / 1024.0));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc (or the process is gone): the figure is left out.
        }
        return Optional.empty();
    }

    /** Copies the function's output to {@code err} as it comes. */
    private static Thread pump(InputStream in, PrintStream err) {
        return Thread.ofPlatform().daemon().name("invoke-output").start(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (err) {
                        err.write(buffer, 0, n);
                        err.flush();
                    }
                }
            } catch (IOException e) {
                // The process is gone.
            }
        });
    }

    private static void join(List<Thread> pumps) throws InterruptedException {
        for (Thread pump : pumps) {
            pump.join(2_000);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
