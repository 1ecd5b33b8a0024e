package io.musicrec.platform.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes metrics as one line of CloudWatch's embedded metric format, e.g.
 * <pre>{"_aws":{"Timestamp":1764720000000,"CloudWatchMetrics":[{"Namespace":"musicrec",
 * "Dimensions":[["FunctionName"]],"Metrics":[{"Name":"OutboxOldestPendingAge","Unit":"Seconds"}]}]},
 * "FunctionName":"musicrec-OutboxSweep","OutboxOldestPendingAge":12.0}</pre>
 * The line must reach the log as it is, on a line of its own: on Lambda, stdout, where the
 * functions' JSON log lines go too (functions/logging). An alarm matches a metric by namespace,
 * name and every dimension, so the template's alarms name the same ones.
 *
 * <p>A dozen lines of jackson-core rather than AWS's aws-embedded-metrics library, which brings
 * an ObjectMapper, its own environment detection and a flush thread for what is one line here.
 */
public final class EmfMetrics {

    /** The namespace of musicrec's metrics. */
    public static final String NAMESPACE = "musicrec";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** The units this project uses (CloudWatch's names). */
    public enum Unit {
        SECONDS("Seconds"), MILLISECONDS("Milliseconds"), COUNT("Count");

        private final String label;

        Unit(String label) {
            this.label = label;
        }
    }

    /**
     * One value.
     *
     * @param name  the metric's name, unique within the line
     * @param value its value (finite)
     * @param unit  its unit
     */
    public record Metric(String name, double value, Unit unit) {
        /** Name and unit are required; the value is finite. */
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite, got " + value);
            }
        }
    }

    private final String namespace;
    private final Consumer<String> out;
    private final Clock clock;

    /**
     * @param namespace the metrics' namespace
     * @param out       where each line goes ({@code System.out::println} on Lambda)
     * @param clock     the metrics' timestamp
     */
    public EmfMetrics(String namespace, Consumer<String> out, Clock clock) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Metrics in {@value #NAMESPACE} to stdout. */
    public static EmfMetrics toStdout(Clock clock) {
        return new EmfMetrics(NAMESPACE, System.out::println, clock);
    }

    /**
     * Writes one line with these metrics under one set of dimensions.
     *
     * @param dimensions name and value of each dimension (in this order), e.g. {@code FunctionName}
     * @param metrics    the values
     */
    public void emit(Map<String, String> dimensions, List<Metric> metrics) {
        out.accept(line(dimensions, metrics));
    }

    String line(Map<String, String> dimensions, List<Metric> metrics) {
        Objects.requireNonNull(dimensions, "dimensions");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric");
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", clock.millis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            for (String dimension : dimensions.keySet()) {
                json.writeString(dimension);
            }
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Metric metric : metrics) {
                json.writeStartObject();
                json.writeStringField("Name", metric.name());
                json.writeStringField("Unit", metric.unit().label);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                json.writeStringField(dimension.getKey(), dimension.getValue());
            }
            for (Metric metric : metrics) {
                json.writeNumberField(metric.name(), metric.value());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }
}
