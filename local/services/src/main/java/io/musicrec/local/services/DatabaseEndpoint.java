package io.musicrec.local.services;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where PostgreSQL is and how to log in: a JDBC URL without credentials, and the credentials.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://HOST:PORT/DB[?other=params]}, never with user or password
 * @param user     the user name, empty when the URL named none
 * @param password the password, empty when the URL named none
 */
public record DatabaseEndpoint(String jdbcUrl, String user, String password) {

    /** All parts are required (empty strings for absent credentials). */
    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Reads {@code DATABASE_URL} as {@code jdbc:postgresql://host[:port]/db[?...]} or {@code
     * postgres[ql]://u:p@host[:port]/db[?...]}; credentials move out of the URL into {@link #user()} and
     * {@link #password()}, other parameters stay.
     *
     * @throws IllegalArgumentException naming what is wrong, without echoing a password
     */
    public static DatabaseEndpoint parse(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        if (trimmed.startsWith("jdbc:postgresql://")) {
            return fromJdbc(trimmed);
        }
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            return fromUri(trimmed);
        }
        throw new IllegalArgumentException(
                "DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
    }

    private static DatabaseEndpoint fromJdbc(String url) {
        int question = url.indexOf('?');
        String base = question < 0 ? url : url.substring(0, question);
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
        if (base.length() <= "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("DATABASE_URL names no host");
        }
        return new DatabaseEndpoint(withQuery(base, kept), user, password);
    }

    private static DatabaseEndpoint fromUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The message of URISyntaxException quotes the input, password included.
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (at index " + e.getIndex() + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host");
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1
                ? "postgres" : uri.getRawPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        String base = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        List<String> kept = uri.getRawQuery() == null ? List.of() : List.of(uri.getRawQuery().split("&"));
        return new DatabaseEndpoint(withQuery(base, kept), user, password);
    }

    private static String withQuery(String base, List<String> parameters) {
        return parameters.isEmpty() ? base : base + "?" + String.join("&", parameters);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The URL and user, never the password. */
    @Override
    public String toString() {
        return "DatabaseEndpoint[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
