package io.musicrec.http;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's query parameters, read strictly: each name at most once, only the names a route
 * takes, integers written as plain decimal digits. Values are percent-decoded as UTF-8 ({@code +}
 * is a space). Every refusal is a 400 naming the parameter: {@code duplicate_parameter}, {@code
 * unknown_parameter}, {@code missing_parameter}, {@code invalid_parameter} (malformed escape, not
 * an integer, not one of the allowed words) or {@code out_of_range}.
 */
public final class QueryString {

    private static final int SHOWN = 40;

    private final Map<String, String> values;

    private QueryString(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No parameters. */
    public static QueryString empty() {
        return new QueryString(new LinkedHashMap<>());
    }

    /**
     * Parses a raw query string ({@code n=100&mode=hybrid}, without the {@code ?}).
     *
     * @throws RejectedRequest for a repeated name or a malformed escape
     */
    public static QueryString parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new QueryString(values);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw ClientError.badRequest("duplicate_parameter", "query parameter " + shown(name) + " is given more than once");
            }
        }
        return new QueryString(values);
    }

    /**
     * From parameters API Gateway already decoded, for events without {@code rawQueryString}. API
     * Gateway joins a repeated name's values with commas, so repeats cannot be told apart here.
     */
    public static QueryString of(Map<String, String> decoded) {
        return new QueryString(new LinkedHashMap<>(decoded == null ? Map.of() : decoded));
    }

    /**
     * Refuses any parameter not in {@code allowed}.
     *
     * @throws RejectedRequest 400 {@code unknown_parameter}
     */
    public QueryString allowOnly(List<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ClientError.badRequest("unknown_parameter", "query parameter " + shown(name) + " is not taken here; "
                        + (allowed.isEmpty() ? "this route takes none" : "the parameters are " + String.join(", ", allowed)));
            }
        }
        return this;
    }

    /** The value of {@code name}, if given. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The value of {@code name}.
     *
     * @throws RejectedRequest 400 {@code missing_parameter}
     */
    public String requiredText(String name) {
        return text(name).orElseThrow(() -> ClientError.badRequest("missing_parameter", "query parameter " + name + " is required"));
    }

    /**
     * The integer in {@code name}, {@code fallback} when absent.
     *
     * @throws RejectedRequest 400 {@code invalid_parameter} when not decimal digits, {@code out_of_range} outside {@code min..max}
     */
    public int integer(String name, int fallback, int min, int max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return fallback;
        }
        String value = text.get();
        if (!value.matches("-?[0-9]{1,1000}")) {
            throw ClientError.badRequest("invalid_parameter", "query parameter " + name + " must be an integer in " + min + ".." + max
                    + ", got " + shown(value));
        }
        BigInteger number = new BigInteger(value);
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ClientError.badRequest("out_of_range", "query parameter " + name + " must be in " + min + ".." + max + ", got " + shown(value));
        }
        return number.intValueExact();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("invalid_parameter", "the query string has a malformed %-escape");
        }
    }

    private static String shown(String text) {
        return ClientError.quoted(text, SHOWN);
    }
}
