package io.musicrec.api.artists;

import io.musicrec.platform.catalog.Artist;
import io.musicrec.platform.catalog.ArtistCatalog;
import java.util.List;
import java.util.Objects;

/** Finds catalog artists by name: the most listened-to first. */
public final class ArtistSearch {

    private final ArtistCatalog catalog;

    /** @param catalog the artists users can play */
    public ArtistSearch(ArtistCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Artists whose name contains the query (case-insensitive), at most the request's limit. */
    public List<Artist> search(ArtistSearchRequest request) {
        return catalog.search(request.query(), request.limit());
    }
}
