package io.musicrec.platform.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The artists users can play (PostgreSQL in production). */
public interface ArtistCatalog {

    /** Names of the given artist ids; ids not in the catalog are absent from the map. */
    Map<Integer, String> names(Collection<Integer> artistIds);

    boolean exists(int artistId);

    /**
     * Artists whose name contains {@code query} (case-insensitive), most listened-to first, at
     * most {@code limit}.
     */
    List<Artist> search(String query, int limit);
}
