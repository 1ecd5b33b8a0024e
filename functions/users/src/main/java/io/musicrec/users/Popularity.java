package io.musicrec.users;

import io.musicrec.platform.catalog.Artist;
import io.musicrec.platform.catalog.ArtistCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's listened artists with their listener counts (the model's popularity, see {@link
 * Registration}), read on first use and again at most once per {@code refresh}, so a registration
 * costs no catalog scan. A failed refresh leaves the list in memory serving; an empty catalog is not
 * kept, so the first import after it is seen.
 */
public final class Popularity {

    /** How long a read serves before it is read again. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Popularity.class);

    private final ArtistCatalog catalog;
    private final Clock clock;
    private final Duration refresh;
    private List<Artist> artists = List.of();
    private Instant readAt;

    /**
     * @param catalog where the counts are
     * @param clock   decides when the list is stale
     * @param refresh how long a read serves
     */
    public Popularity(ArtistCatalog catalog, Clock clock, Duration refresh) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    /**
     * Every listened artist, most listened-to first; empty when the catalog has none.
     *
     * @throws io.musicrec.platform.postgres.DatabaseException when nothing has been read yet and the
     *     database does not answer
     */
    public synchronized List<Artist> artists() {
        Instant now = clock.instant();
        if (!artists.isEmpty() && readAt != null && now.isBefore(readAt.plus(refresh))) {
            return artists;
        }
        try {
            List<Artist> read = catalog.listened();
            readAt = now;
            artists = read;
        } catch (RuntimeException e) {
            if (artists.isEmpty()) {
                throw e;
            }
            readAt = now;
            LOG.atWarn().addKeyValue("artists", artists.size()).addKeyValue("error", e.toString())
                    .log("catalog popularity refresh failed, still drawing from the artists read before");
        }
        return artists;
    }
}
