package io.musicrec.trainer.retrain;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of a run, from the JVM's memory pools: the heap pools' peaks are reset when the run
 * starts (a warm Lambda container reuses the JVM) and summed at the end. Pools peak at different
 * moments, so the sum is an upper bound of the heap's peak. The process's peak resident set
 * ({@code VmHWM}) is read from {@code /proc/self/status} where there is one (Linux, Lambda); it
 * covers the JVM's whole life, not only this run.
 */
final class PeakMemory {
    private PeakMemory() {
    }

    static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since {@link #reset}, in bytes. */
    static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The heap's limit ({@code -Xmx}), in bytes. */
    static long heapMax() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The process's peak resident set size in bytes, when the OS reports it. */
    static OptionalLong residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: the figure is optional.
        }
        return OptionalLong.empty();
    }
}
