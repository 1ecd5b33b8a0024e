package io.musicrec.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where PostgreSQL is and how to log in: {@code DATABASE_URL} in the JDBC or the {@code
 * postgres://user:pass@host:port/db} form, its credentials overridden by {@code DATABASE_USER} and
 * {@code DATABASE_PASSWORD}. {@code jdbcUrl} never holds credentials; the password is never printed.
 * The local stack's {@code DatabaseEndpoint} parses the same forms but lives in test scope here, so
 * sharing it would put the servers on the Lambda class path.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    /** All parts are required (empty strings for absent credentials); the URL must be a JDBC one. */
    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith(JDBC_PREFIX) || jdbcUrl.length() == JDBC_PREFIX.length()) {
            throw new IllegalArgumentException("jdbcUrl must start with " + JDBC_PREFIX + " and name a host");
        }
    }

    /** Reads {@code DATABASE_URL} (required), {@code DATABASE_USER} and {@code DATABASE_PASSWORD}. */
    public static DatabaseSettings from(Environment environment) {
        DatabaseSettings parsed = parse(environment.required(EnvironmentVariables.DATABASE_URL));
        String user = environment.optional(EnvironmentVariables.DATABASE_USER).orElse(parsed.user());
        String password = environment.verbatim(EnvironmentVariables.DATABASE_PASSWORD).orElse(parsed.password());
        return new DatabaseSettings(parsed.jdbcUrl(), user, password);
    }

    /**
     * Parses a {@code DATABASE_URL} value: {@code jdbc:postgresql://host[:port]/db[?user=u&password=p&...]}
     * or {@code postgres://u:p@host[:port]/db[?...]} ({@code postgresql://} too; port 5432 by
     * default). Credentials move out of the URL; other parameters (such as {@code sslmode}) stay.
     *
     * @throws ConfigurationException naming {@code DATABASE_URL}, never quoting the value
     */
    public static DatabaseSettings parse(String url) {
        String value = Objects.requireNonNull(url, "url").strip();
        if (value.startsWith(JDBC_PREFIX)) {
            return fromJdbc(value);
        }
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return fromUri(value);
        }
        throw problem("must start with jdbc:postgresql://, postgres:// or postgresql://");
    }

    private static DatabaseSettings fromJdbc(String url) {
        int question = url.indexOf('?');
        String base = question < 0 ? url : url.substring(0, question);
        if (base.length() == JDBC_PREFIX.length() || base.charAt(JDBC_PREFIX.length()) == '/') {
            throw problem("names no host");
        }
        String user = "";
        String password = "";
        List<String> kept = new ArrayList<>();
        if (question >= 0) {
            for (String pair : url.substring(question + 1).split("&")) {
                if (pair.startsWith("user=")) {
                    user = decode(pair.substring("user=".length()));
                } else if (pair.startsWith("password=")) {
                    password = decode(pair.substring("password=".length()));
                } else if (!pair.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        return new DatabaseSettings(withQuery(base, kept), user, password);
    }

    private static DatabaseSettings fromUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // URISyntaxException's message quotes the input, password included: only the index.
            throw problem("is not a valid URL (error at character " + e.getIndex() + ")");
        }
        if (uri.getHost() == null) {
            throw problem("names no host");
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : uri.getRawPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String host = uri.getHost();
        String base = JDBC_PREFIX + host + ":" + port + "/" + database;
        List<String> kept = uri.getRawQuery() == null ? List.of() : List.of(uri.getRawQuery().split("&"));
        return new DatabaseSettings(withQuery(base, kept), user, password);
    }

    private static String withQuery(String base, List<String> parameters) {
        return parameters.isEmpty() ? base : base + "?" + String.join("&", parameters);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw problem("has a malformed %-escape in its credentials");
        }
    }

    private static ConfigurationException problem(String what) {
        return new ConfigurationException(EnvironmentVariables.DATABASE_URL, what);
    }

    /** The same database and user with another password. */
    public DatabaseSettings withPassword(String newPassword) {
        return new DatabaseSettings(jdbcUrl, user, newPassword);
    }

    /** The URL and user, never the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
