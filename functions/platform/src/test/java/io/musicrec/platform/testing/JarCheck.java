package io.musicrec.platform.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a function's shaded jar must hold and must not: each module's {@code *JarIT} names its jar,
 * the entries the function needs, the prefixes of what belongs to other functions, and its size
 * limit; {@link #verify} checks all three and prints the size.
 *
 * @param jar      the shaded jar, built in {@code package} before Failsafe runs
 * @param name     how failures name the jar ("the API jar")
 * @param needed   entries that must be there
 * @param banned   prefixes no entry may start with
 * @param maxBytes the jar's size limit
 */
public record JarCheck(Path jar, String name, List<String> needed, List<String> banned, long maxBytes) {

    /** Copies the lists. */
    public JarCheck {
        needed = List.copyOf(needed);
        banned = List.copyOf(banned);
    }

    /** The names of {@code jar}'s entries. */
    public static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    /** Asserts every needed entry, no banned prefix and the size limit; prints the size; returns the entries. */
    public List<String> verify() throws IOException {
        List<String> entries = entries(jar);
        for (String entry : needed) {
            assertTrue(entries.contains(entry), entry + " is missing");
        }
        for (String prefix : banned) {
            assertTrue(entries.stream().noneMatch(entry -> entry.startsWith(prefix)), name + " must not hold " + prefix);
        }
        long size = Files.size(jar);
        System.out.printf("%s: %,d bytes (%.2f MiB), %,d entries; limit %,d bytes%n", jar.getFileName(), size, size / 1048576.0,
                entries.size(), maxBytes);
        assertTrue(size <= maxBytes, jar.getFileName() + " is " + size + " bytes, over its limit of " + maxBytes);
        return entries;
    }
}
