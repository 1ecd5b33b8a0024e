package io.musicrec.local.stack.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.ids.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What API Gateway's JWT authorizer does before a request reaches a function, with a local HS256
 * secret in place of the issuer's keys: the {@code Authorization} token's signature, {@code exp}
 * (required), {@code nbf}, {@code iat}, {@code iss} and {@code aud} are checked, then the claims go to
 * the function as strings, as API Gateway writes them. Anything else is a 401 without calling a
 * function. A {@link TrustedIssuer}'s RS256 tokens (the hosted-UI sign-in) pass the same checks.
 */
public final class JwtAuthorizer {

    /**
     * What the local issuer writes and the authorizer requires.
     *
     * @param issuer        the {@code iss} of issued tokens, required of presented ones
     * @param audience      the {@code aud} of issued tokens, required (among others) of presented ones
     * @param tokenLifetime how long an issued token lasts
     */
    public record Settings(String issuer, String audience, Duration tokenLifetime) {

        /** All parts are required; the lifetime is positive. */
        public Settings {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(tokenLifetime, "tokenLifetime");
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive, got " + tokenLifetime);
            }
        }
    }

    /** The outcome for one request. */
    public sealed interface Decision permits Allowed, Denied {
    }

    /**
     * The request may pass; this is what the event's {@code requestContext.authorizer.jwt} holds.
     *
     * @param claims every claim, as a string
     * @param scopes the token's scopes, or null when it names none (as API Gateway leaves it)
     */
    public record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {

        /** Claims are copied (order kept); scopes too when present. */
        public Allowed {
            claims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(claims));
            scopes = scopes == null ? null : List.copyOf(scopes);
        }
    }

    /**
     * The request is refused with 401.
     *
     * @param reason why, for the {@code www-authenticate} header and the log; never the token
     */
    public record Denied(String reason) implements Decision {

        /** A reason is required. */
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Hs256Jwt jwt;
    private final Settings settings;
    private final Optional<TrustedIssuer> trusted;
    private final Clock clock;

    /**
     * @param jwt      the local secret
     * @param settings issuer, audience and lifetime
     * @param clock    decides expiry
     */
    public JwtAuthorizer(Hs256Jwt jwt, Settings settings, Clock clock) {
        this(jwt, settings, Optional.empty(), clock);
    }

    /**
     * @param jwt      the local secret
     * @param settings issuer, audience and lifetime of the local tokens
     * @param trusted  an OIDC issuer whose RS256 tokens are accepted too, with its own issuer and audience
     * @param clock    decides expiry
     */
    public JwtAuthorizer(Hs256Jwt jwt, Settings settings, Optional<TrustedIssuer> trusted, Clock clock) {
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Issuer, audience and token lifetime. */
    public Settings settings() {
        return settings;
    }

    /**
     * Checks the value of a request's {@code Authorization} header.
     *
     * @param authorization the header's value, or null when the request has none
     */
    public Decision authorize(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Denied("no Authorization header");
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        ObjectNode claims;
        String issuer = settings.issuer();
        String audience = settings.audience();
        try {
            if (trusted.isPresent() && TrustedIssuer.signsLikeThis(token)) {
                claims = trusted.get().verify(token);
                issuer = trusted.get().settings().issuer();
                audience = trusted.get().settings().audience();
            } else {
                claims = jwt.verify(token);
            }
        } catch (InvalidTokenException e) {
            return new Denied(e.getMessage());
        }
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            return new Denied("the token has no numeric exp claim");
        }
        if (now >= exp.asLong()) {
            return new Denied("the token has expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now < nbf.asLong())) {
            return new Denied("the token is not valid yet (nbf)");
        }
        JsonNode iat = claims.get("iat");
        if (iat != null && (!iat.isNumber() || iat.asLong() > now + 60)) {
            return new Denied("the token was issued in the future (iat)");
        }
        if (!issuer.equals(claims.path("iss").asText(null))) {
            return new Denied("the issuer must be " + issuer);
        }
        if (!audiences(claims.get("aud")).contains(audience)) {
            return new Denied("the audience must include " + audience);
        }
        return new Allowed(asStrings(claims), scopes(claims));
    }

    /**
     * A token for {@code subject}, valid for the configured lifetime from now.
     *
     * @param subject the {@code sub} claim: a {@link UserId}, which is all the functions accept
     * @param scope   the {@code scope} claim (space-separated), or null for none
     * @throws IllegalArgumentException for an unusable subject
     */
    public String issue(String subject, String scope) {
        if (subject == null) {
            throw new IllegalArgumentException("sub is required");
        }
        UserId.check(subject);
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = JsonNodeFactory.instance.objectNode()
                .put("sub", subject)
                .put("iss", settings.issuer())
                .put("aud", settings.audience())
                .put("iat", now)
                .put("exp", now + settings.tokenLifetime().toSeconds())
                .put("jti", UUID.randomUUID().toString())
                .put("token_use", "access");
        if (scope != null && !scope.isBlank()) {
            claims.put("scope", scope.strip());
        }
        return jwt.sign(claims);
    }

    private static List<String> audiences(JsonNode aud) {
        if (aud == null) {
            return List.of();
        }
        if (aud.isArray()) {
            List<String> all = new ArrayList<>();
            aud.forEach(value -> all.add(value.asText()));
            return all;
        }
        return List.of(aud.asText());
    }

    /** API Gateway's rendering: strings as they are, numbers and booleans as text, arrays as {@code [a b]}. */
    static Map<String, String> asStrings(ObjectNode claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = claims.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            strings.put(field.getKey(), asString(field.getValue()));
        }
        return strings;
    }

    private static String asString(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(asString(item)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }

    private static List<String> scopes(ObjectNode claims) {
        JsonNode scope = claims.has("scope") ? claims.get("scope") : claims.get("scp");
        if (scope == null || scope.isNull()) {
            return null;
        }
        if (scope.isArray()) {
            List<String> all = new ArrayList<>();
            scope.forEach(value -> all.add(value.asText()));
            return all;
        }
        String text = scope.asText().strip();
        return text.isEmpty() ? null : Arrays.asList(text.split("\\s+"));
    }

    /** For logs: the reason in a form fit for a {@code www-authenticate} header value. */
    public static String challenge(Denied denied) {
        return "Bearer scope=\"\" error=\"invalid_token\" error_description=\""
                + denied.reason().replace('"', '\'').toLowerCase(Locale.ROOT) + "\"";
    }
}
