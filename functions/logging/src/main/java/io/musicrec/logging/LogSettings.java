package io.musicrec.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Which events are written, and where, read once at start. The root level is {@code
 * AWS_LAMBDA_LOG_LEVEL} (Lambda sets it from {@code ApplicationLogLevel}), else {@code LOG_LEVEL},
 * else {@code level} in {@value #RESOURCE}, else INFO; chatty libraries (Netty, Lettuce, the AWS SDK,
 * pgjdbc...) are held at WARN or quieter; {@code level.<logger>} in the resource overrides both
 * (longest name wins); {@code output=stderr} serves tools whose stdout carries results. A value that
 * cannot be read falls back to the default, with one WARN.
 */
public final class LogSettings {

    /** The optional classpath resource with levels and the output stream. */
    public static final String RESOURCE = "musicrec-logging.properties";
    /** Set by Lambda from {@code LoggingConfig.ApplicationLogLevel}. */
    public static final String AWS_LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";
    /** The level outside Lambda (local stack, command line). */
    public static final String LOG_LEVEL = "LOG_LEVEL";

    /** A threshold that no event reaches. */
    static final int OFF = Integer.MAX_VALUE;

    /** Loggers held at WARN or quieter unless {@value #RESOURCE} names them. */
    static final List<String> QUIET_LIBRARIES = List.of("io.netty", "io.lettuce", "reactor", "software.amazon.awssdk",
            "org.apache.hc", "org.postgresql");

    private final int rootThreshold;
    private final Map<String, Integer> exact;
    private final boolean stderr;
    private final List<String> problems;

    private LogSettings(int rootThreshold, Map<String, Integer> exact, boolean stderr, List<String> problems) {
        this.rootThreshold = rootThreshold;
        this.exact = exact;
        this.stderr = stderr;
        this.problems = problems;
    }

    /**
     * Reads the environment and {@value #RESOURCE} from {@code loader}.
     *
     * @param environment variable name to value, null when unset ({@code System::getenv})
     */
    public static LogSettings load(Function<String, String> environment, ClassLoader loader) {
        Properties properties = new Properties();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return of(environment, properties);
    }

    /** Reads the environment and the given properties (the content of {@value #RESOURCE}). */
    public static LogSettings of(Function<String, String> environment, Properties properties) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(properties, "properties");
        List<String> problems = new ArrayList<>();
        int root = threshold("INFO", "default", problems);
        String source = null;
        for (String variable : List.of(AWS_LAMBDA_LOG_LEVEL, LOG_LEVEL)) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                source = variable;
                root = threshold(value, variable, problems);
                break;
            }
        }
        if (source == null && properties.getProperty("level") != null) {
            root = threshold(properties.getProperty("level"), RESOURCE + " level", problems);
        }
        Map<String, Integer> exact = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("level.") && name.length() > "level.".length()) {
                exact.put(name.substring("level.".length()), threshold(properties.getProperty(name), RESOURCE + " " + name, problems));
            }
        }
        String output = properties.getProperty("output", "stdout").strip().toLowerCase(Locale.ROOT);
        if (!output.equals("stdout") && !output.equals("stderr")) {
            problems.add(RESOURCE + " output must be stdout or stderr, got '" + output + "'; using stdout");
            output = "stdout";
        }
        return new LogSettings(root, Collections.unmodifiableMap(exact), output.equals("stderr"), List.copyOf(problems));
    }

    /** The lowest level (as {@link org.slf4j.event.Level#toInt()}) a logger of this name writes. */
    public int threshold(String loggerName) {
        String best = null;
        for (String name : exact.keySet()) {
            if ((loggerName.equals(name) || loggerName.startsWith(name + ".")) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best != null) {
            return exact.get(best);
        }
        for (String library : QUIET_LIBRARIES) {
            if (loggerName.equals(library) || loggerName.startsWith(library + ".")) {
                return Math.max(rootThreshold, org.slf4j.event.Level.WARN.toInt());
            }
        }
        return rootThreshold;
    }

    /** The root threshold. */
    public int rootThreshold() {
        return rootThreshold;
    }

    /** Whether the log goes to stderr rather than stdout. */
    public boolean stderr() {
        return stderr;
    }

    /** What could not be read, to be logged once. */
    public List<String> problems() {
        return problems;
    }

    /** Writes each line to the configured stream, looked up at each write (the Lambda runtime may replace it). */
    Consumer<String> sink() {
        return line -> {
            PrintStream stream = stderr ? System.err : System.out;
            stream.println(line);
        };
    }

    /** A level's threshold; an unknown name is INFO and a problem. */
    static int threshold(String value, String source, List<String> problems) {
        Optional<Integer> parsed = parse(value);
        if (parsed.isEmpty()) {
            problems.add(source + " '" + value + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF); using INFO");
            return org.slf4j.event.Level.INFO.toInt();
        }
        return parsed.get();
    }

    private static Optional<Integer> parse(String value) {
        switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE":
                return Optional.of(org.slf4j.event.Level.TRACE.toInt());
            case "DEBUG":
                return Optional.of(org.slf4j.event.Level.DEBUG.toInt());
            case "INFO":
                return Optional.of(org.slf4j.event.Level.INFO.toInt());
            case "WARN":
            case "WARNING":
                return Optional.of(org.slf4j.event.Level.WARN.toInt());
            case "ERROR":
            case "FATAL":
                return Optional.of(org.slf4j.event.Level.ERROR.toInt());
            case "OFF":
                return Optional.of(OFF);
            default:
                return Optional.empty();
        }
    }
}
