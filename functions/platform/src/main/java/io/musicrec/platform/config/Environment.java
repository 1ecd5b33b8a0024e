package io.musicrec.platform.config;

import io.musicrec.platform.budget.TimeBudget;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validated reads of environment variables. The lookup is a function so that tests pass a
 * {@code Map::get} and functions pass {@code System::getenv}. A variable that is unset or blank
 * counts as absent: deployment templates often write {@code ""} for "not configured".
 *
 * <p>Every failure is a {@link ConfigurationException} naming the variable. Values are quoted in
 * messages only through {@link #quote}, which callers avoid for secrets.
 */
public final class Environment {
    private final Function<String, String> lookup;

    private Environment(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** Reads from {@code lookup}: name to value, null when unset. */
    public static Environment of(Function<String, String> lookup) {
        return new Environment(lookup);
    }

    /** Reads the process environment. */
    public static Environment system() {
        return new Environment(System::getenv);
    }

    /** The stripped value, or empty when unset or blank. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(lookup.apply(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /**
     * The value exactly as set (not stripped: spaces may belong to a password), or empty when unset
     * or empty.
     */
    public Optional<String> verbatim(String name) {
        return Optional.ofNullable(lookup.apply(name)).filter(value -> !value.isEmpty());
    }

    /** The stripped value; fails when unset or blank. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name, "is missing"));
    }

    /** An integer in {@code min..max}, {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name, "must be a whole number in " + min + ".." + max + ", got " + quote(value.get()));
        }
        if (parsed < min || parsed > max) {
            throw new ConfigurationException(name, "must be in " + min + ".." + max + ", got " + parsed);
        }
        return parsed;
    }

    /**
     * The function's timeout ({@value EnvironmentVariables#FUNCTION_TIMEOUT_SECONDS}), or {@code
     * fallback} (the function's own Timeout) when unset.
     */
    public Duration functionTimeout(Duration fallback) {
        try {
            return TimeBudget.timeout(optional(EnvironmentVariables.FUNCTION_TIMEOUT_SECONDS), fallback);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(EnvironmentVariables.FUNCTION_TIMEOUT_SECONDS,
                    e.getMessage().substring(EnvironmentVariables.FUNCTION_TIMEOUT_SECONDS.length() + 1));
        }
    }

    /**
     * An absolute URL with one of {@code schemes} and a host, or empty when absent.
     *
     * @param secret true when the value may hold credentials: the value is then not quoted
     */
    public Optional<URI> url(String name, boolean secret, String... schemes) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String expected = "must be a URL like " + schemes[0] + "://host:port";
        URI uri;
        try {
            uri = new URI(value.get());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(name, expected + (secret ? "" : ", got " + quote(value.get())));
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !Set.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException(name, expected + (secret ? "" : ", got " + quote(value.get())));
        }
        return Optional.of(uri);
    }

    /** A value quoted for an error message, shortened so a pasted blob does not flood the log. */
    static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return "'" + shown + "'";
    }
}
