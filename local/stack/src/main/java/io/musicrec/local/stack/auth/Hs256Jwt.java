package io.musicrec.local.stack.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWTs signed with HMAC-SHA256 (RFC 7519, JWS RFC 7515): {@code
 * base64url(header).base64url(claims).base64url(HMAC-SHA256(secret, first two parts))}. Only {@code
 * "alg":"HS256"} is accepted, so a token cannot choose a weaker algorithm ({@code none}) for itself.
 * Thread-safe.
 */
public final class Hs256Jwt {

    /** The fewest secret bytes accepted: HS256 wants a key as long as its hash (RFC 7518, 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes
     */
    public Hs256Jwt(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HS256 secret needs at least " + MIN_SECRET_BYTES + " bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * A signed token carrying {@code claims}.
     *
     * @param claims the claims object
     */
    public String sign(ObjectNode claims) {
        try {
            String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
            String signingInput = HEADER + "." + payload;
            return signingInput + "." + ENCODER.encodeToString(mac(signingInput));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claims that are a JSON tree always serialise", e);
        }
    }

    /**
     * The claims of a token whose header says HS256 and whose signature is this secret's. Expiry,
     * issuer and audience are the caller's to check.
     *
     * @throws InvalidTokenException saying what is wrong
     */
    public ObjectNode verify(String token) throws InvalidTokenException {
        Objects.requireNonNull(token, "token");
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new InvalidTokenException("not a compact JWT (three dot-separated parts)");
        }
        JsonNode header = json(token.substring(0, first), "header");
        if (!"HS256".equals(header.path("alg").asText(null))) {
            throw new InvalidTokenException("the algorithm must be HS256, the token says " + header.path("alg"));
        }
        byte[] signature;
        try {
            signature = DECODER.decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, mac(token.substring(0, second)))) {
            throw new InvalidTokenException("the signature does not match");
        }
        JsonNode claims = json(token.substring(first + 1, second), "claims");
        if (!claims.isObject()) {
            throw new InvalidTokenException("the claims are not a JSON object");
        }
        return (ObjectNode) claims;
    }

    private byte[] mac(String signingInput) {
        return macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    }

    private static JsonNode json(String part, String what) throws InvalidTokenException {
        try {
            return JSON.readTree(DECODER.decode(part));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the " + what + " is not base64url");
        } catch (java.io.IOException e) {
            throw new InvalidTokenException("the " + what + " is not JSON");
        }
    }
}
