package io.musicrec.platform.songs;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach Spotify: client credentials, the two base URLs and the timeouts, read once at cold
 * start ({@link #fromEnvironment}; names in {@link EnvironmentVariables}). Credentials are optional:
 * without them every lookup is unavailable and items go out without songs. Half a pair or a malformed
 * URL is a {@link ConfigurationException}; {@link #toString()} never shows the secret.
 */
public record SpotifySettings(String clientId, String clientSecret, URI apiUrl, URI accountsUrl,
                              Duration connectTimeout, Duration responseTimeout) {

    /** The environment variable holding the client id. */
    public static final String CLIENT_ID_VARIABLE = EnvironmentVariables.SPOTIFY_CLIENT_ID;
    /** The environment variable holding the client secret. */
    public static final String CLIENT_SECRET_VARIABLE = EnvironmentVariables.SPOTIFY_CLIENT_SECRET;
    /** The environment variable overriding the Web API base URL. */
    public static final String API_URL_VARIABLE = EnvironmentVariables.SPOTIFY_API_URL;
    /** The environment variable overriding the accounts service base URL. */
    public static final String ACCOUNTS_URL_VARIABLE = EnvironmentVariables.SPOTIFY_ACCOUNTS_URL;

    /** Spotify's Web API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.spotify.com");
    /** Spotify's accounts service, where client-credentials tokens come from. */
    public static final URI DEFAULT_ACCOUNTS_URL = URI.create("https://accounts.spotify.com");
    /** Connecting to Spotify takes milliseconds; a second means something is wrong. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * A search answers in a few hundred milliseconds; a worker waiting longer for one song would
     * rather write the item without it.
     */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Checks the pair is complete or absent, the URLs are base URLs and the timeouts positive.
     *
     * @throws ConfigurationException naming the variable at fault
     * @throws IllegalArgumentException for a timeout that is not positive
     */
    public SpotifySettings {
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        if ((clientId == null) != (clientSecret == null)) {
            throw new ConfigurationException(clientId == null ? CLIENT_ID_VARIABLE : CLIENT_SECRET_VARIABLE,
                    "is not set but " + (clientId == null ? CLIENT_SECRET_VARIABLE : CLIENT_ID_VARIABLE)
                    + " is: set both, or neither to run without songs");
        }
        checkBaseUrl(API_URL_VARIABLE, apiUrl);
        checkBaseUrl(ACCOUNTS_URL_VARIABLE, accountsUrl);
        checkPositive("connectTimeout", connectTimeout);
        checkPositive("responseTimeout", responseTimeout);
    }

    /**
     * Reads {@value #CLIENT_ID_VARIABLE}, {@value #CLIENT_SECRET_VARIABLE}, {@value #API_URL_VARIABLE}
     * and {@value #ACCOUNTS_URL_VARIABLE}, with Spotify's URLs and the default timeouts when unset.
     *
     * @param environment usually {@link Environment#system()}
     * @throws ConfigurationException naming the variable that is malformed or missing its pair
     */
    public static SpotifySettings fromEnvironment(Environment environment) {
        return new SpotifySettings(environment.optional(CLIENT_ID_VARIABLE).orElse(null),
                environment.optional(CLIENT_SECRET_VARIABLE).orElse(null),
                url(API_URL_VARIABLE, environment.optional(API_URL_VARIABLE).orElse(null), DEFAULT_API_URL),
                url(ACCOUNTS_URL_VARIABLE, environment.optional(ACCOUNTS_URL_VARIABLE).orElse(null), DEFAULT_ACCOUNTS_URL),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
    }

    /**
     * {@link #fromEnvironment(Environment)} from a map of variables.
     *
     * @param environment e.g. {@code System.getenv()}
     * @throws ConfigurationException naming the variable that is malformed or missing its pair
     */
    public static SpotifySettings fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(Environment.of(environment::get));
    }

    /**
     * Credentials and one base URL for both services (a stand-in serves both), default timeouts.
     *
     * @param clientId     the client id, or null
     * @param clientSecret the client secret, or null
     * @param baseUrl      e.g. {@code http://127.0.0.1:PORT}
     */
    public static SpotifySettings of(String clientId, String clientSecret, URI baseUrl) {
        return new SpotifySettings(clientId, clientSecret, baseUrl, baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
    }

    /**
     * The same settings with other timeouts.
     *
     * @param connect  how long connecting may take
     * @param response how long to wait for data on an open connection
     */
    public SpotifySettings withTimeouts(Duration connect, Duration response) {
        return new SpotifySettings(clientId, clientSecret, apiUrl, accountsUrl, connect, response);
    }

    /** Whether a client id and secret are configured. */
    public boolean hasCredentials() {
        return clientId != null;
    }

    /** Shows everything but the secret. */
    @Override
    public String toString() {
        return "SpotifySettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "(set)")
                + ", apiUrl=" + apiUrl + ", accountsUrl=" + accountsUrl
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout + "]";
    }

    private static URI url(String variable, String value, URI fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(variable, "is not a URL: " + value);
        }
    }

    private static void checkBaseUrl(String variable, URI url) {
        Objects.requireNonNull(url, variable);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/");
        if (url.getRawUserInfo() != null) {
            throw new ConfigurationException(variable, "must not carry credentials; use "
                    + CLIENT_ID_VARIABLE + " and " + CLIENT_SECRET_VARIABLE);
        }
        // The client takes scheme, host and port only; a path or query would be silently dropped.
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null || !pathless
                || url.getRawQuery() != null) {
            throw new ConfigurationException(variable, "must be a base URL like https://host[:port], was " + url);
        }
    }

    private static void checkPositive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
