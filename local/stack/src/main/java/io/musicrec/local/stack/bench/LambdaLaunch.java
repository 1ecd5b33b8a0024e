package io.musicrec.local.stack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How Lambda's {@code java25} runtime starts a function, for the bench's cold starts: the
 * deployment package unpacked into a directory ({@code /var/task}) on the class path, and the JVM
 * options the runtime passes, with the function's {@code MemorySize}, {@code JAVA_TOOL_OPTIONS}
 * and SnapStart read from {@code template.yaml}.
 *
 * <p>The runtime passes a heap of 85 % of the memory, the serial collector and its own class-data
 * (java25: ahead-of-time) cache of the JDK and its runtime client, for which the JDK's default
 * archive stands in here ({@code -Xshare:auto}). It stops the JIT at C1 unless the function uses
 * SnapStart (or provisioned concurrency), where the JVM's default tiers stay on. Sources and the
 * command lines seen on Lambda: bench/README.md, "How the cold starts are started".
 */
final class LambdaLaunch {

    /** The runtime's heap share of the function's memory. */
    static final double HEAP_SHARE = 0.85;

    private static final Pattern RESOURCE = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
    private static final Pattern MEMORY = Pattern.compile("^\\s+MemorySize:\\s*(\\d+)\\s*$");
    private static final Pattern TOOL_OPTIONS = Pattern.compile("^\\s+JAVA_TOOL_OPTIONS:\\s*(.*?)\\s*$");
    private static final Pattern SNAP_START = Pattern.compile("^\\s+SnapStart:\\s*$");

    /**
     * A function as the template configures it.
     *
     * @param resource        its logical id in the template
     * @param memoryMegabytes its {@code MemorySize}
     * @param javaToolOptions its {@code JAVA_TOOL_OPTIONS}, if it sets them
     * @param snapStart       whether it, or the template's {@code Globals}, applies SnapStart
     */
    record Function(String resource, int memoryMegabytes, Optional<String> javaToolOptions, boolean snapStart) {
    }

    private LambdaLaunch() {
    }

    /**
     * The function of the template whose {@code CodeUri} is {@code codeUri}.
     *
     * @param template the template's text
     * @param codeUri  e.g. {@code functions/api/target/musicrec-api.jar}
     * @throws IllegalArgumentException when no resource has that {@code CodeUri}, or it has no
     *                                  literal {@code MemorySize}
     */
    static Function function(String template, String codeUri) {
        List<String> lines = template.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("CodeUri: " + codeUri)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no function in the template has CodeUri: " + codeUri);
        }
        int start = at;
        while (start > 0 && !RESOURCE.matcher(lines.get(start)).matches()) {
            start--;
        }
        Matcher name = RESOURCE.matcher(lines.get(start));
        String resource = name.matches() ? name.group(1) : "?";
        Integer memory = null;
        String options = null;
        boolean snapStart = globalSnapStart(lines);
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (RESOURCE.matcher(line).matches() || (!line.isBlank() && !line.startsWith(" "))) {
                break;
            }
            Matcher m = MEMORY.matcher(line);
            if (m.matches()) {
                memory = Integer.valueOf(m.group(1));
            }
            Matcher o = TOOL_OPTIONS.matcher(line);
            if (o.matches()) {
                options = o.group(1);
            }
            snapStart |= SNAP_START.matcher(line).matches();
        }
        if (memory == null) {
            throw new IllegalArgumentException(resource + " (CodeUri " + codeUri + ") has no literal MemorySize in the template");
        }
        return new Function(resource, memory, Optional.ofNullable(options).filter(text -> !text.isEmpty()), snapStart);
    }

    /** Whether the template's top-level {@code Globals} section sets {@code SnapStart}. */
    private static boolean globalSnapStart(List<String> lines) {
        boolean inGlobals = false;
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) {
                inGlobals = line.startsWith("Globals:");
            } else if (inGlobals && SNAP_START.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The runtime's JVM options for {@code function}. Its C1-only default is left out under
     * SnapStart, as the runtime does, and where the function's {@code JAVA_TOOL_OPTIONS} choose a
     * level themselves, since options on the command line would otherwise win over the variable's.
     */
    static List<String> jvmOptions(Function function) {
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
     * Unpacks {@code jar} into {@code directory}, as Lambda unpacks a deployment package into
     * {@code /var/task}.
     *
     * @throws IllegalArgumentException when an entry would land outside {@code directory}
     */
    static void unpack(Path jar, Path directory) {
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
}
