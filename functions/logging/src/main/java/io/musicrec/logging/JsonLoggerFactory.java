package io.musicrec.logging;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/** One {@link JsonLogger} per name, each with its threshold decided once from the {@link LogSettings}. */
public final class JsonLoggerFactory implements ILoggerFactory {

    private final LogSettings settings;
    private final MDCAdapter mdc;
    private final Clock clock;
    private final Consumer<String> sink;
    private final ConcurrentMap<String, JsonLogger> loggers = new ConcurrentHashMap<>();

    /**
     * @param settings levels
     * @param mdc      where MDC entries are read from at each event
     * @param clock    the events' timestamps
     * @param sink     receives each event's line, without a line break
     */
    public JsonLoggerFactory(LogSettings settings, MDCAdapter mdc, Clock clock, Consumer<String> sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mdc = Objects.requireNonNull(mdc, "mdc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public Logger getLogger(String name) {
        String key = name == null ? Logger.ROOT_LOGGER_NAME : name;
        return loggers.computeIfAbsent(key, n -> new JsonLogger(n, settings.threshold(n), mdc, clock, sink));
    }
}
