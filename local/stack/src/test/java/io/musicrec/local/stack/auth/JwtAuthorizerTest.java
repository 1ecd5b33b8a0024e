package io.musicrec.local.stack.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Hs256Jwt JWT = new Hs256Jwt("a local secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
    private static final JwtAuthorizer.Settings SETTINGS = new JwtAuthorizer.Settings("musicrec-local", "musicrec", Duration.ofHours(1));

    private static JwtAuthorizer at(Instant instant) {
        return new JwtAuthorizer(JWT, SETTINGS, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void anIssuedTokenPassesWithItsSubjectAsTheSubClaim() {
        JwtAuthorizer authorizer = at(NOW);
        String token = authorizer.issue("alice", null);

        JwtAuthorizer.Allowed allowed = assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.authorize("Bearer " + token));
        assertEquals("alice", allowed.claims().get("sub"));
        assertEquals("musicrec-local", allowed.claims().get("iss"));
        assertEquals(Long.toString(NOW.getEpochSecond() + 3600), allowed.claims().get("exp"));
        assertNull(allowed.scopes());
    }

    @Test
    void theBearerPrefixIsOptionalAsAtApiGateway() {
        JwtAuthorizer authorizer = at(NOW);
        String token = authorizer.issue("alice", null);

        assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.authorize(token));
        assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.authorize("bearer " + token));
    }

    @Test
    void aTokenExpiresAtItsExpClaimToTheSecond() {
        String token = at(NOW).issue("alice", null);

        assertInstanceOf(JwtAuthorizer.Allowed.class, at(NOW.plusSeconds(3599)).authorize(token));
        JwtAuthorizer.Denied denied = assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW.plusSeconds(3600)).authorize(token));
        assertEquals("the token has expired", denied.reason());
    }

    @Test
    void noHeaderIsDenied() {
        assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW).authorize(null));
        assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW).authorize("  "));
    }

    @Test
    void anotherIssuerOrAudienceIsDenied() {
        long exp = NOW.getEpochSecond() + 60;
        ObjectNode otherIssuer = JsonNodeFactory.instance.objectNode().put("sub", "a").put("iss", "elsewhere").put("aud", "musicrec").put("exp", exp);
        ObjectNode otherAudience = JsonNodeFactory.instance.objectNode().put("sub", "a").put("iss", "musicrec-local").put("aud", "other").put("exp", exp);

        assertEquals("the issuer must be musicrec-local",
                assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW).authorize(JWT.sign(otherIssuer))).reason());
        assertEquals("the audience must include musicrec",
                assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW).authorize(JWT.sign(otherAudience))).reason());
    }

    @Test
    void aTokenWithoutExpIsDenied() {
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", "a").put("iss", "musicrec-local").put("aud", "musicrec");

        assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW).authorize(JWT.sign(claims)));
    }

    @Test
    void aTokenNotValidYetIsDenied() {
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", "a").put("iss", "musicrec-local").put("aud", "musicrec")
                .put("exp", NOW.getEpochSecond() + 600).put("nbf", NOW.getEpochSecond() + 300);

        assertInstanceOf(JwtAuthorizer.Denied.class, at(NOW).authorize(JWT.sign(claims)));
    }

    @Test
    void claimsReachTheFunctionAsStringsTheWayApiGatewayWritesThem() {
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", "alice").put("iss", "musicrec-local")
                .put("exp", NOW.getEpochSecond() + 60).put("admin", true).put("scope", "read write");
        claims.putArray("aud").add("other").add("musicrec");

        JwtAuthorizer.Allowed allowed = assertInstanceOf(JwtAuthorizer.Allowed.class, at(NOW).authorize(JWT.sign(claims)));

        assertEquals("[other musicrec]", allowed.claims().get("aud"));
        assertEquals("true", allowed.claims().get("admin"));
        assertEquals(Long.toString(NOW.getEpochSecond() + 60), allowed.claims().get("exp"));
        assertEquals(List.of("read", "write"), allowed.scopes());
    }

    @Test
    void unusableSubjectsAreNotIssued() {
        JwtAuthorizer authorizer = at(NOW);
        assertThrows(IllegalArgumentException.class, () -> authorizer.issue(" ", null));
        assertThrows(IllegalArgumentException.class, () -> authorizer.issue("x".repeat(256), null));
        assertThrows(IllegalArgumentException.class, () -> authorizer.issue("a\0b", null));
    }
}
