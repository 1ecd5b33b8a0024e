package io.musicrec.local.stack.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How Lambda's Java runtime starts a function, for the bench's cold starts and {@code local/invoke}:
 * the function as {@code template.yaml} declares it (read with line patterns, not a YAML parser), its
 * package unpacked as {@code /var/task}, and a fresh JVM with the {@code java25} runtime's options and
 * the function's environment alone. Must not miss: the runtime stops the JIT at C1 unless the function
 * uses SnapStart; where the options come from is in bench/README.md, "How the cold starts are started".
 */
public final class LambdaLaunch {

    /** The runtime's heap share of the function's memory. */
    static final double HEAP_SHARE = 0.85;
    /** SAM's defaults for a function that sets neither. */
    private static final int DEFAULT_MEMORY = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    /** What a launched JVM keeps of the caller's own environment. */
    private static final List<String> KEPT_VARIABLES = List.of("PATH", "HOME", "LANG", "TMPDIR");

    private static final Pattern SECTION = Pattern.compile("^([A-Za-z0-9]+):\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
    private static final Pattern PROPERTY = Pattern.compile("^\\s+([A-Za-z0-9_]+):\\s*(.*?)\\s*$");

    /**
     * A function as the template configures it: its logical id, {@code CodeUri}, {@code Handler}, {@code
     * MemorySize}, {@code Timeout}, {@code JAVA_TOOL_OPTIONS}, log format and level, and whether it (or
     * {@code Globals}) sets {@code SnapStart}.
     */
    public record Function(String resource, String codeUri, String handler, int memoryMegabytes, Duration timeout,
                           Optional<String> javaToolOptions, String logFormat, Optional<String> logLevel, boolean snapStart) {

        /** The handler's class. */
        public String handlerClass() {
            int colons = handler.indexOf("::");
            return colons < 0 ? handler : handler.substring(0, colons);
        }

        /** This function with another handler. */
        public Function withHandler(String other) {
            return new Function(resource, codeUri, other, memoryMegabytes, timeout, javaToolOptions, logFormat, logLevel, snapStart);
        }
    }

    private LambdaLaunch() {
    }

    /**
     * The function whose logical id is {@code resource}.
     *
     * @param template the template's text
     * @param resource e.g. {@code ReaderFunction}
     * @throws IllegalArgumentException when the template has no such function (the message lists
     *                                  those it has), or its {@code MemorySize} or {@code Timeout}
     *                                  is neither a number nor a parameter with a default
     */
    public static Function function(String template, String resource) {
        List<String> lines = template.lines().toList();
        Map<String, String> properties = new HashMap<>(properties(block(lines, "Globals", "Function")));
        Map<String, String> own = properties(block(lines, "Resources", resource));
        if (!own.containsKey("Handler")) {
            throw new IllegalArgumentException("no function " + resource + " in the template; its functions are "
                    + String.join(", ", functions(template)));
        }
        properties.putAll(own);
        String codeUri = value(lines, properties, "CodeUri").orElseThrow(
                () -> new IllegalArgumentException(resource + " has no CodeUri in the template"));
        return new Function(resource, codeUri, value(lines, properties, "Handler").orElseThrow(),
                number(lines, properties, resource, "MemorySize", DEFAULT_MEMORY),
                Duration.ofSeconds(number(lines, properties, resource, "Timeout", DEFAULT_TIMEOUT_SECONDS)),
                value(lines, properties, "JAVA_TOOL_OPTIONS").filter(text -> !text.isEmpty()),
                value(lines, properties, "LogFormat").orElse("Text"), value(lines, properties, "ApplicationLogLevel"),
                properties.containsKey("SnapStart"));
    }

    /** The logical ids of the template's functions (resources with a {@code Handler}), in its order. */
    public static List<String> functions(String template) {
        List<String> lines = template.lines().toList();
        List<String> names = new ArrayList<>();
        boolean inResources = false;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                inResources = section.group(1).equals("Resources");
            }
            Matcher entry = ENTRY.matcher(line);
            if (inResources && entry.matches() && properties(block(lines, "Resources", entry.group(1))).containsKey("Handler")) {
                names.add(entry.group(1));
            }
        }
        return List.copyOf(names);
    }

    /** The lines of {@code name}'s block under the top-level {@code section}, or none. */
    private static List<String> block(List<String> lines, String section, String name) {
        int at = 0;
        while (at < lines.size() && !lines.get(at).equals(section + ":")) {
            at++;
        }
        for (int i = at + 1; i < lines.size() && !SECTION.matcher(lines.get(i)).matches(); i++) {
            Matcher entry = ENTRY.matcher(lines.get(i));
            if (entry.matches() && entry.group(1).equals(name)) {
                int end = i + 1;
                while (end < lines.size() && !ENTRY.matcher(lines.get(end)).matches()
                        && (lines.get(end).isBlank() || lines.get(end).startsWith(" "))) {
                    end++;
                }
                return lines.subList(i + 1, end);
            }
        }
        return List.of();
    }

    /** The first value of each property name in a block, as written. */
    private static Map<String, String> properties(List<String> block) {
        Map<String, String> properties = new HashMap<>();
        for (String line : block) {
            Matcher property = PROPERTY.matcher(line);
            if (property.matches() && !line.strip().startsWith("#")) {
                properties.putIfAbsent(property.group(1), property.group(2));
            }
        }
        return properties;
    }

    /** A property's value: the literal without quotes, a parameter's default for {@code !Ref}, none for other intrinsics. */
    private static Optional<String> value(List<String> lines, Map<String, String> properties, String name) {
        String raw = properties.get(name);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.startsWith("!Ref ")) {
            return Optional.ofNullable(properties(block(lines, "Parameters", raw.substring(5).strip())).get("Default"))
                    .map(LambdaLaunch::unquote);
        }
        return raw.startsWith("!") ? Optional.empty() : Optional.of(unquote(raw));
    }

    private static int number(List<String> lines, Map<String, String> properties, String resource, String name, int fallback) {
        if (!properties.containsKey(name)) {
            return fallback;
        }
        Optional<String> text = value(lines, properties, name);
        if (text.isEmpty() || !text.get().matches("\\d{1,6}")) {
            throw new IllegalArgumentException(resource + " has a " + name + " (" + properties.get(name)
                    + ") that is neither a number nor a parameter with a default in the template");
        }
        return Integer.parseInt(text.get());
    }

    private static String unquote(String text) {
        boolean quoted = text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"));
        return quoted ? text.substring(1, text.length() - 1) : text;
    }

    /**
     * The runtime's JVM options for {@code function}. Its C1-only default is left out under
     * SnapStart, as the runtime does, and where the function's {@code JAVA_TOOL_OPTIONS} choose a
     * level themselves, since options on the command line would otherwise win over the variable's.
     */
    public static List<String> jvmOptions(Function function) {
        long heapKibibytes = Math.round(function.memoryMegabytes() * 1024L * HEAP_SHARE);
        List<String> options = new ArrayList<>(List.of(String.format(Locale.ROOT, "-XX:MaxHeapSize=%dk", heapKibibytes),
                "-XX:+UseSerialGC", "-Xshare:auto"));
        boolean ownLevel = function.javaToolOptions().filter(text -> text.contains("TieredStopAtLevel") || text.contains("TieredCompilation"))
                .isPresent();
        if (!ownLevel && !function.snapStart()) {
            options.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        }
        return List.copyOf(options);
    }

    /**
     * A fresh JVM for {@code function} as the runtime starts one: the runtime's options ({@link
     * #jvmOptions}, with {@code -Xshare} dropped when {@code options} name an {@code -XX:AOTCache}, which
     * the JVM refuses beside it), then {@code options}; the environment is {@code environment} and the
     * template's {@code JAVA_TOOL_OPTIONS}, plus only {@code PATH}, {@code HOME}, {@code LANG} and {@code TMPDIR}.
     */
    public static ProcessBuilder jvm(Function function, Map<String, String> environment, List<String> options, List<Path> classPath,
                                     String... main) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions(function));
        if (options.stream().anyMatch(option -> option.startsWith("-XX:AOTCache"))) {
            command.remove("-Xshare:auto");
        }
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.addAll(List.of(main));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> variables = builder.environment();
        Map<String, String> kept = new HashMap<>();
        KEPT_VARIABLES.forEach(name -> Optional.ofNullable(variables.get(name)).ifPresent(value -> kept.put(name, value)));
        variables.clear();
        variables.putAll(kept);
        variables.putAll(environment);
        variables.remove("JAVA_TOOL_OPTIONS");
        function.javaToolOptions().ifPresent(text -> variables.put("JAVA_TOOL_OPTIONS", text));
        return builder;
    }

    /**
     * Unpacks {@code jar} into {@code directory}, as Lambda unpacks a deployment package into
     * {@code /var/task}.
     *
     * @throws IllegalArgumentException when an entry would land outside {@code directory}
     */
    public static void unpack(Path jar, Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalArgumentException(jar + ": entry " + entry.getName() + " would be written outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar + " into " + directory, e);
        }
    }

    /**
     * The local stack's build directory ({@code local/stack/target}): where {@code
     * musicrec-local.jar} is, or {@code classes/} when run from the classes (tests, an IDE).
     */
    public static Path buildDirectory() {
        try {
            return Path.of(LambdaLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
