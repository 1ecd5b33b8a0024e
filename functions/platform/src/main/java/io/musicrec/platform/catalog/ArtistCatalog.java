package io.musicrec.platform.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The artists users can play (PostgreSQL in production). */
public interface ArtistCatalog {

    /** The most results {@link #search} returns in one call. */
    int MAX_SEARCH_RESULTS = 100;

    /** Names of the given artist ids; ids not in the catalog are absent from the map. */
    Map<Integer, String> names(Collection<Integer> artistIds);

    /** True when the artist is in the catalog. */
    boolean exists(int artistId);

    /**
     * At most {@code limit} (1..{@value #MAX_SEARCH_RESULTS}) artists whose name contains {@code query},
     * most listened-to first, ties to the lower id. Case is ignored in the Unicode sense ({@code strasse}
     * finds Straße), as are compatibility forms; {@code %} and {@code _} are literal; a blank query matches all.
     */
    List<Artist> search(String query, int limit);

    /**
     * Every artist someone listened to ({@code listeners > 0}), most listened-to first, ties to the
     * lower id: what a draw weighted by popularity draws from. Thousands of rows (17,632 for Last.fm
     * 2K): callers keep the answer for a while rather than ask per request.
     */
    List<Artist> listened();

    /**
     * Sets the listener counts of the given artists in one statement, so that the catalog's
     * popularity is the published model's; ids not in the catalog are ignored, artists not given
     * keep theirs.
     *
     * @param listenersById artist id to its listeners, each ≥ 0
     * @return how many artists changed
     * @throws IllegalArgumentException for a negative count
     */
    int updateListeners(Map<Integer, Integer> listenersById);
}
