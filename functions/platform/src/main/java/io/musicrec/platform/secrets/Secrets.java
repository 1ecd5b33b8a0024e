package io.musicrec.platform.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.lifecycle.OpenedClients;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function's secret, a JSON object of strings, read once at cold start (before the SnapStart
 * snapshot) and kept. Must not miss: a client whose login is refused with a kept value calls {@link
 * #refresh()} and tries once more; that is how a rotated secret reaches a running container. Reads
 * are at least {@link #MIN_REFRESH_INTERVAL} apart, so a wrong password costs one call per interval,
 * not one per request. {@link #none()} is the local case: the plain variables serve.
 */
public final class Secrets {

    /** The PostgreSQL password (RDS Proxy's login). */
    public static final String DATABASE_PASSWORD = "database_password";
    /** The ElastiCache auth token, when Redis AUTH is on. */
    public static final String REDIS_AUTH_TOKEN = "redis_auth_token";
    /** The Spotify app's client id. */
    public static final String SPOTIFY_CLIENT_ID = "spotify_client_id";
    /** The Spotify app's client secret. */
    public static final String SPOTIFY_CLIENT_SECRET = "spotify_client_secret";
    /** The least time between two reads of the secret. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);
    private static final JsonFactory JSON = new JsonFactory();

    /** Where the secret's text is: Secrets Manager on AWS. */
    @FunctionalInterface
    public interface Source {
        /**
         * The secret's current text, a JSON object.
         *
         * @throws SecretsException when it cannot be read
         */
        String read();
    }

    private final Source source;
    private final Clock clock;
    private volatile Map<String, String> values;
    private Instant readAt;

    private Secrets(Source source, Clock clock, Map<String, String> values, Instant readAt) {
        this.source = source;
        this.clock = clock;
        this.values = values;
        this.readAt = readAt;
    }

    /** No secret: every value is empty and {@link #refresh()} does nothing. */
    public static Secrets none() {
        return new Secrets(null, Clock.systemUTC(), Map.of(), Instant.MIN);
    }

    /**
     * Reads the secret now.
     *
     * @throws SecretsException when it cannot be read or is not a JSON object of strings
     */
    public static Secrets read(Source source, Clock clock) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clock, "clock");
        return new Secrets(source, clock, parse(source.read()), clock.instant());
    }

    /**
     * The secret the settings name, read from Secrets Manager now, its client added to {@code
     * opened}; {@link #none()} when they name none.
     *
     * @throws SecretsException when it cannot be read
     */
    public static Secrets open(SecretSettings settings, Clock clock, OpenedClients opened) {
        if (settings.secretArn().isEmpty()) {
            return none();
        }
        SecretsManagerSecret secret = opened.add(new SecretsManagerSecret(AwsClients.secretsManager(settings), settings.secretArn().get()));
        return read(secret, clock);
    }

    /** Whether there is a secret at all (false locally). */
    public boolean configured() {
        return source != null;
    }

    /** The value under {@code key}, or empty when the secret has none (or there is no secret). */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    /**
     * Reads the secret again, unless it was read less than {@link #MIN_REFRESH_INTERVAL} ago; a
     * failed read keeps the values and is logged (the refused login then fails as it would have).
     */
    public synchronized void refresh() {
        if (source == null) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(readAt.plus(MIN_REFRESH_INTERVAL))) {
            return;
        }
        readAt = now;
        try {
            values = parse(source.read());
            LOG.atInfo().log("secret read again after a refused login");
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("error", e.toString()).log("reading the secret again failed, the kept values stay");
        }
    }

    /** A JSON object's members as text; nested values are refused, and no value is ever quoted in a message. */
    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(Objects.requireNonNull(text, "text"))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SecretsException("the secret must be a JSON object of strings");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw new SecretsException("the secret's key " + key + " must hold a string");
                }
                values.put(key, value == JsonToken.VALUE_NULL ? "" : parser.getText());
            }
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the text: only where it broke.
            throw new SecretsException("the secret is not valid JSON (at character "
                    + (e.getLocation() == null ? "?" : e.getLocation().getCharOffset()) + ")");
        } catch (IOException e) {
            throw new SecretsException("the secret cannot be read as JSON: " + e.getClass().getSimpleName());
        }
        return Map.copyOf(values);
    }

    /** The keys only. */
    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }
}
