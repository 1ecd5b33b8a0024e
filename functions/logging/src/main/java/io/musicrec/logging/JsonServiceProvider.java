package io.musicrec.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The provider SLF4J 2 finds through {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}:
 * JSON lines on stdout (see {@link LogSettings} for levels and the output stream). Configuration is
 * read once, when SLF4J initialises, which on Lambda is during the cold start (or before the
 * SnapStart snapshot).
 */
public final class JsonServiceProvider implements SLF4JServiceProvider {

    /** The SLF4J API version this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private volatile JsonLoggerFactory loggerFactory;
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new BasicMDCAdapter();

    /** What the service loader calls. */
    public JsonServiceProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        LogSettings settings = LogSettings.load(System::getenv, JsonServiceProvider.class.getClassLoader());
        loggerFactory = new JsonLoggerFactory(settings, mdcAdapter, java.time.Clock.systemUTC(), settings.sink());
        settings.problems().forEach(problem -> loggerFactory.getLogger("io.musicrec.logging").warn(problem));
    }
}
