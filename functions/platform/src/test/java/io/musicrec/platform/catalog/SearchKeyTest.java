package io.musicrec.platform.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchKeyTest {

    @Test
    void foldsCaseBeyondAscii() {
        assertEquals(SearchKey.of("björk"), SearchKey.of("BJÖRK"));
        assertEquals(SearchKey.of("ленинград"), SearchKey.of("Ленинград"));
        assertEquals("σίσυφοσ", SearchKey.of("ΣΊΣΥΦΟΣ"), "medial and final sigma meet");
        assertEquals(SearchKey.of("σίσυφος"), SearchKey.of("ΣΊΣΥΦΟΣ"));
    }

    @Test
    void sharpSMatchesDoubleS() {
        assertTrue(SearchKey.of("Die Straße").contains(SearchKey.of("STRASSE")));
    }

    @Test
    void composedAndDecomposedAccentsAndFullWidthLettersMeet() {
        assertEquals(SearchKey.of("Beyonc\u00e9"), SearchKey.of("Beyonce\u0301"));
        assertEquals(SearchKey.of("abc"), SearchKey.of("ＡＢＣ"));
    }

    @Test
    void scriptsWithoutCaseAreKeptAsTheyAre() {
        assertEquals("김종국", SearchKey.of("김종국"));
        assertEquals("אביב גפן", SearchKey.of("אביב גפן"));
    }

    @Test
    void likeWildcardsAndTheEscapeCharacterAreEscaped() {
        assertEquals("100\\% pure\\_love \\\\o/", SearchKey.escapeLike("100% pure_love \\o/"));
    }

    @Test
    void textWithNulOrALoneSurrogateIsNotStorable() {
        assertFalse(SearchKey.isStorable("a\0b"));
        assertFalse(SearchKey.isStorable("a\uD83D"));
        assertFalse(SearchKey.isStorable("\uDE00a"));
        assertTrue(SearchKey.isStorable("🎸 guitar"));
    }
}
