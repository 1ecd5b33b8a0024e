package io.musicrec.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserIdTest {

    @Test
    void subjectsIdentityProvidersIssueAreUserIds() {
        for (String id : new String[] {"7d8a3f2e-51c4-4b8e-9f0a-2c6e1b9d4a17", "auth0|5f7c8ec7c33c6c004bbafe82", "x".repeat(255),
                "\uD83C\uDFB5", "caf\u00e9 \u0001\u2028"}) {
            assertTrue(UserId.isValid(id), id);
            assertEquals(id, UserId.check(id));
        }
    }

    @Test
    void theLengthIsCountedInCodePointsAsPostgresCountsIt() {
        String emoji = "\uD83C\uDFB5";
        assertTrue(UserId.isValid(emoji.repeat(255)), "255 code points, 510 UTF-16 units");
        assertFalse(UserId.isValid(emoji.repeat(256)));
        assertFalse(UserId.isValid("x".repeat(256)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserId.check("x".repeat(256))).getMessage().contains("256"));
    }

    @Test
    void blankNulAndLoneSurrogatesAreRefused() {
        assertFalse(UserId.isValid(null));
        assertThrows(NullPointerException.class, () -> UserId.check(null));
        for (String id : new String[] {"", "   ", "a\0b", "a\uD800", "\uDC00a", "lone \uD800 surrogate", "\uDFB5\uD83C"}) {
            assertFalse(UserId.isValid(id), id);
            assertThrows(IllegalArgumentException.class, () -> UserId.check(id), id);
        }
    }
}
