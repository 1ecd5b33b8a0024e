package io.musicrec.local.stack.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Hs256JwtTest {

    /** RFC 7515, appendix A.1: the HMAC key of the JWS example, as its JWK "k". */
    private static final byte[] RFC_KEY = Base64.getUrlDecoder()
            .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
    /** RFC 7515, appendix A.1: the example JWS (its header and claims carry CRLFs, so they are given encoded). */
    private static final String RFC_TOKEN = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static final byte[] SECRET = "a local secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void verifiesTheRfc7515Example() throws InvalidTokenException {
        ObjectNode claims = new Hs256Jwt(RFC_KEY).verify(RFC_TOKEN);

        assertEquals("joe", claims.get("iss").asText());
        assertEquals(1300819380L, claims.get("exp").asLong());
        assertTrue(claims.get("http://example.com/is_root").asBoolean());
    }

    @Test
    void refusesTheRfcExampleUnderAnotherKey() {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> new Hs256Jwt(SECRET).verify(RFC_TOKEN));
        assertEquals("the signature does not match", e.getMessage());
    }

    @Test
    void signedClaimsComeBackUnchanged() throws InvalidTokenException {
        Hs256Jwt jwt = new Hs256Jwt(SECRET);
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", "alice").put("exp", 2_000_000_000L);

        ObjectNode back = jwt.verify(jwt.sign(claims));

        assertEquals("alice", back.get("sub").asText());
        assertEquals(2_000_000_000L, back.get("exp").asLong());
        assertEquals(2, back.size());
    }

    @Test
    void aChangedClaimBreaksTheSignature() {
        Hs256Jwt jwt = new Hs256Jwt(SECRET);
        String token = jwt.sign(JsonNodeFactory.instance.objectNode().put("sub", "alice"));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"mallory\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThrows(InvalidTokenException.class, () -> jwt.verify(forged));
    }

    @Test
    void anUnsignedTokenIsRefusedWhateverItClaims() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8)) + ".";

        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> new Hs256Jwt(SECRET).verify(none));
        assertTrue(e.getMessage().contains("HS256"), e.getMessage());
    }

    @Test
    void malformedTokensAreRefusedWithAReason() {
        Hs256Jwt jwt = new Hs256Jwt(SECRET);
        for (String token : new String[] {"", "abc", "a.b", "a.b.c.d", "!!.!!.!!"}) {
            assertThrows(InvalidTokenException.class, () -> jwt.verify(token), token);
        }
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Hs256Jwt(new byte[31]));
    }
}
