package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    @Test
    void cognitoSubjectIsUsedAsItIs() {
        assertEquals("musicrec:recs:3f1c2a9e-8b7d-4c61-a0f5-2d9e4b7c1a03",
                RedisKeys.recommendations("3f1c2a9e-8b7d-4c61-a0f5-2d9e4b7c1a03"));
    }

    @Test
    void separatorsAndHashTagBracesInASubjectAreEscaped() {
        assertEquals("musicrec:recs:auth0%7C5f7c%3Ax%7Bslot%7D", RedisKeys.recommendations("auth0|5f7c:x{slot}"));
    }

    @Test
    void nonAsciiSubjectIsEscapedAsUtf8Bytes() {
        assertEquals("musicrec:recs:j%C3%B6rg%20%F0%9F%8E%B8", RedisKeys.recommendations("jörg 🎸"));
    }

    @Test
    void distinctSubjectsGiveDistinctKeys() {
        List<String> subjects = List.of("a:b", "a%3Ab", "a%3ab", "a b", "a+b", "a%20b", "A:B", "é", "e\u0301");
        Set<String> keys = new HashSet<>();
        subjects.forEach(subject -> keys.add(RedisKeys.recommendations(subject)));

        assertEquals(subjects.size(), keys.size());
    }

    @Test
    void blankOverlongOrMalformedSubjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.recommendations(""));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.recommendations("  "));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.recommendations("x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.recommendations("lone \uD800 surrogate"));
        assertEquals(255 + "musicrec:recs:".length(), RedisKeys.recommendations("x".repeat(255)).length());
    }

    @Test
    void songKeyIsTheArtistIdInDecimal() {
        assertEquals("musicrec:song:289", RedisKeys.song(289));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.song(0));
    }
}
