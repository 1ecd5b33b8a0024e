package io.musicrec.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes each enabled event as one JSON object: {@code timestamp} (ISO-8601, UTC), {@code level},
 * {@code logger}, {@code message} (placeholders filled), {@code exception} (the stack trace as one
 * string, causes included) with {@code exception_type}, then MDC entries and the fluent API's
 * key-value pairs as further fields. A key that would replace one of those fields is written as
 * {@code mdc.KEY} or {@code kv.KEY} instead.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private static final long serialVersionUID = 1L;
    private static final Set<String> RESERVED = Set.of("timestamp", "level", "logger", "message", "exception", "exception_type");

    private final int threshold;
    private final transient MDCAdapter mdc;
    private final transient Clock clock;
    private final transient Consumer<String> sink;

    JsonLogger(String name, int threshold, MDCAdapter mdc, Clock clock, Consumer<String> sink) {
        this.name = name;
        this.threshold = threshold;
        this.mdc = mdc;
        this.clock = clock;
        this.sink = sink;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        write(level, pattern, arguments, throwable, List.of());
    }

    /** The fluent API ({@code LOG.atInfo().addKeyValue("user", id).log("...")}); the level was checked by the builder. */
    @Override
    public void log(LoggingEvent event) {
        if (!enabled(event.getLevel())) {
            return;
        }
        Object[] arguments = event.getArgumentArray();
        Throwable throwable = event.getThrowable();
        if (throwable == null && arguments != null && arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable) {
            throwable = (Throwable) arguments[arguments.length - 1];
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        write(event.getLevel(), event.getMessage(), arguments, throwable, pairs);
    }

    private void write(Level level, String pattern, Object[] arguments, Throwable throwable, List<KeyValuePair> pairs) {
        String message = arguments == null || arguments.length == 0 ? pattern : MessageFormatter.basicArrayFormat(pattern, arguments);
        JsonLine line = new JsonLine()
                .field("timestamp", Instant.now(clock).toString())
                .field("level", level.name())
                .field("logger", name)
                .field("message", message);
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            line.field("exception_type", throwable.getClass().getName()).field("exception", trace.toString());
        }
        Map<String, String> context = mdc.getCopyOfContextMap();
        if (context != null) {
            context.forEach((key, value) -> line.field(RESERVED.contains(key) ? "mdc." + key : key, value));
        }
        for (KeyValuePair pair : pairs) {
            String key = String.valueOf(pair.key);
            line.value(RESERVED.contains(key) ? "kv." + key : key, pair.value);
        }
        sink.accept(line.toString());
    }
}
