package io.musicrec.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Captured embedded-metric-format lines, each parsed with Jackson and held to the EMF
 * specification's required fields (CloudWatch, "Specification: Embedded metric format"): an
 * {@code _aws} object with an integer {@code Timestamp} and a {@code CloudWatchMetrics} array of
 * directives, each with a {@code Namespace}, {@code Dimensions} (arrays of at most 30 names) and
 * {@code Metrics} (at most 100, each a {@code Name} and an optional {@code Unit} of the
 * specification's list); every dimension a string member of the root, every metric a number (or
 * an array of at most 100 numbers) there. Lines that are not EMF (log lines) are skipped.
 */
public final class EmfLines implements Consumer<String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
            "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
            "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
            "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    /**
     * One metric value as CloudWatch would extract it.
     *
     * @param namespace  the directive's namespace
     * @param dimensions dimension name to value, in the order of the dimension set
     * @param name       the metric
     * @param unit       its unit, {@code None} when the document names none
     * @param value      its value
     * @param line       the whole document, for properties
     */
    public record Metric(String namespace, Map<String, String> dimensions, String name, String unit, double value, JsonNode line) {
    }

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void accept(String line) {
        lines.add(line);
    }

    /** Every line captured so far, EMF or not. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every metric value of the EMF lines captured so far, each line checked against the specification. */
    public List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        for (String line : lines()) {
            out.addAll(parse(line));
        }
        return out;
    }

    /** The values of one metric, in order. */
    public List<Metric> named(String name) {
        return metrics().stream().filter(m -> m.name().equals(name)).toList();
    }

    /** The metrics of one EMF document; none for a line that is not one (no {@code _aws}). */
    public static List<Metric> parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            return List.of();
        }
        if (root == null || !root.isObject() || !root.has("_aws")) {
            return List.of();
        }
        JsonNode aws = root.get("_aws");
        assertTrue(aws.isObject(), "_aws must be an object: " + line);
        assertTrue(aws.path("Timestamp").isIntegralNumber() && aws.get("Timestamp").asLong() > 0,
                "_aws.Timestamp must be a number of milliseconds: " + line);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertTrue(directives.isArray() && !directives.isEmpty(), "_aws.CloudWatchMetrics must be a non-empty array: " + line);
        List<Metric> out = new ArrayList<>();
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            assertTrue(directive.path("Namespace").isTextual() && !namespace.isEmpty() && namespace.length() <= 1024, "Namespace: " + line);
            assertTrue(directive.path("Dimensions").isArray(), "Dimensions must be an array: " + line);
            List<Map<String, String>> sets = new ArrayList<>();
            for (JsonNode set : directive.get("Dimensions")) {
                assertTrue(set.isArray() && set.size() <= 30, "a dimension set is an array of at most 30 names: " + line);
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (JsonNode name : set) {
                    JsonNode value = root.get(name.asText());
                    if (value == null || !value.isTextual()) {
                        fail("dimension " + name + " must be a string member of the root: " + line);
                    }
                    dimensions.put(name.asText(), value.asText());
                }
                sets.add(dimensions);
            }
            JsonNode metrics = directive.path("Metrics");
            assertTrue(metrics.isArray() && metrics.size() <= 100, "Metrics must be an array of at most 100: " + line);
            for (JsonNode definition : metrics) {
                String name = definition.path("Name").asText("");
                assertTrue(definition.path("Name").isTextual() && !name.isEmpty(), "a metric needs a Name: " + line);
                String unit = definition.has("Unit") ? definition.get("Unit").asText() : "None";
                assertTrue(UNITS.contains(unit), "unit " + unit + " is not CloudWatch's: " + line);
                JsonNode value = root.get(name);
                if (value == null || !(value.isNumber() || (value.isArray() && value.size() <= 100))) {
                    fail("metric " + name + " must be a number member of the root: " + line);
                }
                List<Double> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> values.add(v.asDouble()));
                } else {
                    values.add(value.asDouble());
                }
                for (Map<String, String> dimensions : sets.isEmpty() ? List.of(Map.<String, String>of()) : sets) {
                    values.forEach(v -> out.add(new Metric(namespace, dimensions, name, unit, v, root)));
                }
            }
        }
        return out;
    }

    /** Asserts exactly one value of {@code name} and returns it. */
    public Metric single(String name) {
        List<Metric> found = named(name);
        assertEquals(1, found.size(), name + " in " + lines());
        return found.get(0);
    }
}
