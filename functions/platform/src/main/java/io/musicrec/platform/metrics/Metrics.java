package io.musicrec.platform.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metrics as CloudWatch embedded-metric-format lines in {@value #NAMESPACE}, with {@value
 * #SERVICE} naming the function; one {@link Line} is one log event. Must not miss: the dimension set
 * is part of a metric's identity (an alarm by {@code Service} sees nothing emitted with an extra
 * dimension), so dimension values are a small fixed set, never user ids or free text; put those in
 * {@link Line#property}.
 */
public final class Metrics {

    /** The CloudWatch namespace of every metric here. */
    public static final String NAMESPACE = "musicrec";
    /** The dimension every metric carries: which function emitted it ({@code api}, {@code worker}, ...). */
    public static final String SERVICE = "Service";

    private static final JsonFactory JSON = new JsonFactory();

    /** CloudWatch's units, as the EMF specification spells them. */
    public enum Unit {
        /** A number of things. */
        COUNT("Count"),
        /** A duration. */
        MILLISECONDS("Milliseconds"),
        /** A duration. */
        SECONDS("Seconds"),
        /** A plain number. */
        NONE("None");

        private final String emf;

        Unit(String emf) {
            this.emf = emf;
        }

        /** The name in an EMF document. */
        public String emf() {
            return emf;
        }
    }

    private final String service;
    private final Clock clock;
    private final Consumer<String> out;

    private Metrics(String service, Clock clock, Consumer<String> out) {
        this.service = requireName(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Lines to stdout, where Lambda takes them to CloudWatch Logs; outside Lambda (no {@code
     * AWS_LAMBDA_FUNCTION_NAME}: the local stack's functions in its own JVM) to the debug log, so a
     * console shows no metric per play.
     */
    public static Metrics toStdout(String service) {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            Logger log = LoggerFactory.getLogger(Metrics.class);
            return new Metrics(service, Clock.systemUTC(), log::debug);
        }
        return new Metrics(service, Clock.systemUTC(), System.out::println);
    }

    /**
     * Lines to {@code out} (tests capture them).
     *
     * @param service the {@value #SERVICE} dimension's value
     * @param clock   the lines' timestamps
     * @param out     receives each line, without a line break
     */
    public static Metrics to(String service, Clock clock, Consumer<String> out) {
        return new Metrics(service, clock, out);
    }

    /** No lines at all (a CLI run, tests that do not look). */
    public static Metrics discard(String service) {
        return new Metrics(service, Clock.systemUTC(), line -> { });
    }

    /** The {@value #SERVICE} dimension's value. */
    public String service() {
        return service;
    }

    /** A new line; nothing is written until {@link Line#emit()}. */
    public Line line() {
        return new Line();
    }

    /** One count with the {@value #SERVICE} dimension only, written at once. */
    public void count(String name, long value) {
        line().count(name, value).emit();
    }

    /** One EMF log event being built. Not thread-safe; emit it once. */
    public final class Line {
        private final Map<String, String> dimensions = new LinkedHashMap<>();
        private final Map<String, Number> values = new LinkedHashMap<>();
        private final Map<String, Unit> units = new LinkedHashMap<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Line() {
            dimensions.put(SERVICE, service);
        }

        /** A dimension besides {@value #SERVICE}; its value should come from a small fixed set. */
        public Line dimension(String name, String value) {
            requireName(name, "dimension");
            Objects.requireNonNull(value, "value");
            if (dimensions.containsKey(name) || values.containsKey(name) || properties.containsKey(name)) {
                throw new IllegalArgumentException(name + " is already on the line");
            }
            dimensions.put(name, value);
            return this;
        }

        /** A count. */
        public Line count(String name, long value) {
            return value(name, value, Unit.COUNT);
        }

        /** A value in a unit; finite. */
        public Line value(String name, double value, Unit unit) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite, got " + value);
            }
            return put(name, value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value, unit);
        }

        private Line put(String name, Number value, Unit unit) {
            requireName(name, "metric");
            if (dimensions.containsKey(name) || values.containsKey(name) || properties.containsKey(name)) {
                throw new IllegalArgumentException(name + " is already on the line");
            }
            values.put(name, value);
            units.put(name, Objects.requireNonNull(unit, "unit"));
            return this;
        }

        /** A field of the log event that is not a metric (searchable in Logs Insights): text, a number. */
        public Line property(String name, Object value) {
            requireName(name, "property");
            if (name.equals("_aws") || dimensions.containsKey(name) || values.containsKey(name) || properties.containsKey(name)) {
                throw new IllegalArgumentException(name + " is already on the line");
            }
            properties.put(name, value);
            return this;
        }

        /** Writes the line; a line without metrics is not written. */
        public void emit() {
            if (!values.isEmpty()) {
                out.accept(toJson());
            }
        }

        String toJson() {
            StringWriter text = new StringWriter(256);
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeObjectFieldStart("_aws");
                json.writeNumberField("Timestamp", clock.millis());
                json.writeArrayFieldStart("CloudWatchMetrics");
                json.writeStartObject();
                json.writeStringField("Namespace", NAMESPACE);
                json.writeArrayFieldStart("Dimensions");
                json.writeStartArray();
                for (String dimension : dimensions.keySet()) {
                    json.writeString(dimension);
                }
                json.writeEndArray();
                json.writeEndArray();
                json.writeArrayFieldStart("Metrics");
                for (Map.Entry<String, Unit> metric : units.entrySet()) {
                    json.writeStartObject();
                    json.writeStringField("Name", metric.getKey());
                    json.writeStringField("Unit", metric.getValue().emf());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
                for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                    json.writeStringField(dimension.getKey(), dimension.getValue());
                }
                for (Map.Entry<String, Number> value : values.entrySet()) {
                    json.writeFieldName(value.getKey());
                    if (value.getValue() instanceof Long whole) {
                        json.writeNumber(whole);
                    } else {
                        json.writeNumber(value.getValue().doubleValue());
                    }
                }
                for (Map.Entry<String, Object> property : properties.entrySet()) {
                    Object v = property.getValue();
                    json.writeFieldName(property.getKey());
                    if (v == null) {
                        json.writeNull();
                    } else if (v instanceof Long || v instanceof Integer) {
                        json.writeNumber(((Number) v).longValue());
                    } else if (v instanceof Double d && Double.isFinite(d)) {
                        json.writeNumber(d);
                    } else if (v instanceof Boolean b) {
                        json.writeBoolean(b);
                    } else {
                        json.writeString(String.valueOf(v));
                    }
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to a string cannot fail", e);
            }
            return text.toString();
        }
    }

    /** Names are CloudWatch's: 1..255 characters, no leading colon (EMF's own rule for member names). */
    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > 255 || name.startsWith(":")) {
            throw new IllegalArgumentException(what + " name must be 1..255 characters and not start with ':', got '" + name + "'");
        }
        return name;
    }
}
