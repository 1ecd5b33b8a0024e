package io.musicrec.platform.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecalculationRequestTest {

    @Test
    void bodyIsSnakeCaseJson() {
        assertEquals("{\"user_id\":\"auth0|42\",\"total_plays\":40}", new RecalculationRequest("auth0|42", 40).toJson());
    }

    @Test
    void bodyOfAnyUserIdReadsBackAsTheSameRequest() {
        for (String userId : new String[] {"alice", "quote\" backslash\\ tab\t", "caf\u00e9 \uD83C\uDFB5", "\u0001\u2028", "x".repeat(255)}) {
            RecalculationRequest request = new RecalculationRequest(userId, Long.MAX_VALUE);
            assertEquals(request, RecalculationRequest.fromJson(request.toJson()), userId);
        }
    }

    @Test
    void bodyReadsBackAndIgnoresFieldsAddedLater() {
        assertEquals(new RecalculationRequest("u", 5), RecalculationRequest.fromJson("{\"user_id\":\"u\",\"total_plays\":5,\"v\":2}"));
    }

    @Test
    void malformedBodiesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson("{\"total_plays\":5}"))
                .getMessage().contains("user_id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson("{\"user_id\":\"u\"}"))
                .getMessage().contains("total_plays"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson("{\"user_id\":\"u\",\"total_plays\":0}"))
                .getMessage().contains("total_plays must be >= 1"));
        assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson("null"));
    }

    @Test
    void totalPlaysAsAStringIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> RecalculationRequest.fromJson("{\"user_id\":\"u\",\"total_plays\":\"5\"}")).getMessage();
        assertTrue(message.contains("total_plays must be an integer, got the string \"5\""), message);
    }

    @Test
    void totalPlaysThatIsNotAnIntegerIsRefused() {
        for (String total : new String[] {"5.7", "5.0", "5e0", "true", "null", "[5]", "{\"n\":5}", "99999999999999999999"}) {
            String body = "{\"user_id\":\"u\",\"total_plays\":" + total + "}";
            String message = assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson(body), body).getMessage();
            assertTrue(message.startsWith("not a recalculation request: total_plays"), body + ": " + message);
        }
    }

    @Test
    void userIdThatIsNotAStringIsRefused() {
        for (String userId : new String[] {"42", "true", "null", "[\"u\"]"}) {
            String body = "{\"user_id\":" + userId + ",\"total_plays\":5}";
            String message = assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson(body), body).getMessage();
            assertTrue(message.contains("user_id must be a string"), body + ": " + message);
        }
    }

    @Test
    void duplicateFieldsTrailingContentAndNonObjectsAreRefused() {
        for (String body : new String[] {"{\"user_id\":\"u\",\"total_plays\":5,\"total_plays\":10}", "{\"user_id\":\"u\",\"total_plays\":5} {}",
                "[{\"user_id\":\"u\",\"total_plays\":5}]", "\"u\"", "", "{\"user_id\":\"u\",\"total_plays\":05}"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> RecalculationRequest.fromJson(body), body)
                    .getMessage().startsWith("not a recalculation request: "), body);
        }
    }
}
