package io.musicrec.platform.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What any {@link ArtistCatalog} must do. An implementation's integration test extends this class
 * and supplies a catalog holding exactly the artists of {@link LastFmFixture}, with listeners
 * counted from its plays (artist 1: 3, artists 2 and 6: 2, artist 3: 1, the others 0).
 */
abstract class ArtistCatalogContract {

    /** The catalog under test. */
    abstract ArtistCatalog catalog();

    private List<Integer> ids(String query) {
        return catalog().search(query, 20).stream().map(Artist::id).toList();
    }

    @Test
    void namesOfKnownIdsInOneMapUnknownOnesAbsent() {
        assertEquals(Map.of(1, "Björk", 7, "Ленинград"), catalog().names(List.of(1, 7, 999, 7)));
        assertEquals(Map.of(), catalog().names(List.of()));
    }

    @Test
    void existsOnlyForCatalogIds() {
        assertTrue(catalog().exists(13));
        assertFalse(catalog().exists(999));
        assertFalse(catalog().exists(0));
        assertFalse(catalog().exists(-5));
    }

    @Test
    void searchIsCaseInsensitiveAndMostListenedToFirst() {
        assertEquals(List.of(new Artist(1, "Björk", 3), new Artist(2, "BJÖRK Tribute Band", 2)), catalog().search("björk", 10));
        assertEquals(List.of(1, 2), ids("BJÖRK"));
        assertEquals(List.of(1, 2), ids("  bJöRk "));
    }

    @Test
    void searchFoldsUnicodeCaseAndForms() {
        assertEquals(List.of(6), ids("STRASSE"));
        assertEquals(List.of(7), ids("ленин"));
        assertEquals(List.of(8), ids("BEYONC\u00c9"), "composed query finds a decomposed name");
        assertEquals(List.of(11), ids("σίσυφος"));
        assertEquals(List.of(11), ids("φοσ"));
        assertEquals(List.of(12), ids("종국"));
        assertEquals(List.of(13), ids("🎸"));
        assertEquals(List.of(3), ids("ＲÓＳ"), "full-width letters");
    }

    @Test
    void wildcardsInTheQueryAreLiteral() {
        assertEquals(List.of(4), ids("%"));
        assertEquals(List.of(4), ids("100%"));
        assertEquals(List.of(9), ids("_"));
        assertEquals(List.of(9), ids("r_s"));
        assertEquals(List.of(10), ids("\\"));
        assertEquals(List.of(10), ids("k\\s"));
    }

    @Test
    void blankQueryListsTheMostListenedToUpToTheLimit() {
        assertEquals(List.of(1, 2, 6), catalog().search("", 3).stream().map(Artist::id).toList());
    }

    @Test
    void queryNoNameCanHoldFindsNothing() {
        assertEquals(List.of(), ids("a\0b"));
        assertEquals(List.of(), ids("\uD83D"));
        assertEquals(List.of(), ids("no such artist"));
    }

    @Test
    void limitOutsideOneToHundredIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> catalog().search("a", 0));
        assertThrows(IllegalArgumentException.class, () -> catalog().search("a", ArtistCatalog.MAX_SEARCH_RESULTS + 1));
        assertEquals(1, catalog().search("", 1).size());
    }

    @Test
    void listenedIsEveryArtistSomeoneListenedToMostListenedToFirst() {
        assertEquals(List.of(new Artist(1, "Björk", 3), new Artist(2, "BJÖRK Tribute Band", 2), new Artist(6, "Die Straße", 2),
                new Artist(3, "Sigur Rós", 1)), catalog().listened());
    }

    @Test
    void updateListenersSetsTheGivenCountsInOneCallAndLeavesTheRest() {
        List<Artist> before = catalog().listened();
        try {
            // 3 changes, 5 gains listeners, 1 keeps its count, 999 is not in the catalog.
            assertEquals(2, catalog().updateListeners(Map.of(3, 7, 5, 4, 1, 3, 999, 9)));

            assertEquals(List.of(3, 5, 1, 2, 6), catalog().listened().stream().map(Artist::id).toList());
            assertEquals(7, catalog().listened().get(0).listeners());
            assertEquals(0, catalog().updateListeners(Map.of()));
            assertThrows(IllegalArgumentException.class, () -> catalog().updateListeners(Map.of(1, -1)));
        } finally {
            catalog().updateListeners(Map.of(3, 1, 5, 0));
        }
        assertEquals(before, catalog().listened());
    }
}
