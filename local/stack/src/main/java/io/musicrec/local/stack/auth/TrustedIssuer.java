package io.musicrec.local.stack.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Objects;

/**
 * An OpenID Connect issuer the gateway trusts besides its own HS256 tokens, as API Gateway trusts
 * a Cognito user pool: RS256 signatures checked (by Nimbus JOSE) against the keys published at
 * {@code ISSUER/.well-known/jwks.json}, Cognito's place for them, fetched when first needed and
 * again for an unknown key id. Expiry, issuer and audience stay the {@link JwtAuthorizer}'s to check.
 */
public final class TrustedIssuer {

    /**
     * @param issuer       the {@code iss} required, also where the keys are
     * @param audience     the {@code aud} required: the web app's client id
     * @param signInDomain where its {@code /oauth2/authorize} and {@code /oauth2/token} are
     */
    public record Settings(String issuer, String audience, String signInDomain) {

        /** All parts are required; no trailing slash on the URLs. */
        public Settings {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(signInDomain, "signInDomain");
            issuer = issuer.replaceAll("/+$", "");
            signInDomain = signInDomain.replaceAll("/+$", "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** @param settings the issuer, its client and sign-in domain */
    public TrustedIssuer(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(settings.issuer() + "/.well-known/jwks.json").toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the issuer must be an http(s) URL, got " + settings.issuer(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
    }

    /** The issuer, its client and sign-in domain. */
    public Settings settings() {
        return settings;
    }

    /** True when the token's header names RS256, this issuer's algorithm. */
    static boolean signsLikeThis(String token) {
        try {
            return JWSAlgorithm.RS256.equals(SignedJWT.parse(token).getHeader().getAlgorithm());
        } catch (ParseException e) {
            return false;
        }
    }

    /**
     * The claims of a token signed by one of the issuer's keys.
     *
     * @throws InvalidTokenException saying what is wrong
     */
    public ObjectNode verify(String token) throws InvalidTokenException {
        try {
            processor.process(token, null);
            JsonNode claims = JSON.readTree(SignedJWT.parse(token).getPayload().toString());
            if (!(claims instanceof ObjectNode object)) {
                throw new InvalidTokenException("the claims are not a JSON object");
            }
            return object;
        } catch (ParseException | IOException e) {
            throw new InvalidTokenException("not a signed JWT: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("the signature is not the issuer's: " + e.getMessage());
        }
    }
}
