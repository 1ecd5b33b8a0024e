package io.musicrec.platform.songs;

import io.musicrec.platform.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds each artist's most popular song, from the {@link SongCache} first, then from the {@link
 * TrackLookup} a few at a time, caching every definite answer. Must not miss: <b>every artist gets an
 * answer within the time budget</b>, {@link SongAnswer.Unknown} at worst. When Spotify is unavailable
 * no further lookup starts, and it is left alone across calls until its {@code Retry-After} (or {@link
 * Limits#pauseWithoutRetryAfter()}) passes: one round of requests per pause, not one per message.
 * One per cold start (it owns a thread pool); thread-safe.
 */
public final class SongEnricher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SongEnricher.class);

    /** Metric: artists answered from the song cache. */
    public static final String CACHE_HITS = "SongCacheHits";
    /** Metric: artists Spotify answered with a song. */
    public static final String SPOTIFY_HITS = "SpotifyHits";
    /** Metric: artists Spotify answered with "no track". */
    public static final String SPOTIFY_MISSES = "SpotifyMisses";
    /** Metric: artists left without an answer (Spotify unavailable, paused, slow, or failing). */
    public static final String SPOTIFY_FAILURES = "SpotifyFailures";

    private final SongCache cache;
    private final TrackLookup lookup;
    private final Clock clock;
    private final Limits limits;
    private final Metrics metrics;
    private final ExecutorService pool;
    private final AtomicReference<Instant> spotifyPausedUntil = new AtomicReference<>(Instant.MIN);

    /**
     * How hard the enricher may work on one call.
     *
     * @param parallelism            lookups in flight at once
     * @param timeBudget             how long one call may take in all; artists still unanswered then are unknown
     * @param pauseWithoutRetryAfter how long to leave Spotify alone after a failure that named no
     *                               {@code Retry-After} (5xx, timeout, refused credentials)
     */
    public record Limits(int parallelism, Duration timeBudget, Duration pauseWithoutRetryAfter) {

        /** Eight lookups at a time, ten seconds per call, thirty seconds' pause after a failure. */
        public static final Limits DEFAULT = new Limits(8, Duration.ofSeconds(10), Duration.ofSeconds(30));

        /** Parallelism is 1..64, the budget positive, the pause not negative. */
        public Limits {
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("parallelism must be 1..64, was " + parallelism);
            }
            if (timeBudget.isNegative() || timeBudget.isZero()) {
                throw new IllegalArgumentException("timeBudget must be positive, was " + timeBudget);
            }
            if (pauseWithoutRetryAfter.isNegative()) {
                throw new IllegalArgumentException("pauseWithoutRetryAfter must not be negative, was " + pauseWithoutRetryAfter);
            }
        }
    }

    /**
     * With {@link Limits#DEFAULT}.
     *
     * @param cache  where definite answers are kept
     * @param lookup Spotify
     * @param clock  decides when a pause asked for by Spotify is over
     */
    public SongEnricher(SongCache cache, TrackLookup lookup, Clock clock) {
        this(cache, lookup, clock, Limits.DEFAULT);
    }

    /**
     * @param cache  where definite answers are kept
     * @param lookup Spotify
     * @param clock  decides when a pause asked for by Spotify is over
     * @param limits parallelism, time budget, pause after failures
     */
    public SongEnricher(SongCache cache, TrackLookup lookup, Clock clock, Limits limits) {
        this(cache, lookup, clock, limits, Metrics.discard("songs"));
    }

    /**
     * @param cache   where definite answers are kept
     * @param lookup  Spotify
     * @param clock   decides when a paused Spotify is asked again
     * @param limits  parallelism, budget, pause
     * @param metrics where each call's counts go
     */
    public SongEnricher(SongCache cache, TrackLookup lookup, Clock clock, Limits limits, Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(limits.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "song-lookup-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The song of each artist.
     *
     * @param artistNames catalog name by artist id, e.g. {@code ArtistCatalog.names(...)}
     * @return an answer for every artist, in the order of {@code artistNames}
     */
    public Map<Integer, SongAnswer> songsFor(Map<Integer, String> artistNames) {
        long deadline = System.nanoTime() + limits.timeBudget().toNanos();
        Map<Integer, SongAnswer> answers = new LinkedHashMap<>();
        artistNames.keySet().forEach(id -> answers.put(id, SongAnswer.unknown()));
        if (artistNames.isEmpty()) {
            return answers;
        }
        Map<Integer, Optional<Song>> cached = cached(artistNames);
        cached.forEach((id, song) -> answers.put(id, SongAnswer.of(song)));

        Map<Integer, String> misses = new LinkedHashMap<>(artistNames);
        misses.keySet().removeAll(cached.keySet());
        StopFlag stop = new StopFlag();
        if (!misses.isEmpty()) {
            if (spotifyPaused()) {
                stop.raise("Spotify is paused until " + spotifyPausedUntil.get());
            } else {
                lookUp(misses, stop, deadline).forEach(answers::put);
            }
        }
        log(artistNames.size(), cached.size(), misses.size(), answers, stop);
        count(cached.size(), misses.keySet().stream().map(answers::get).toList());
        return answers;
    }

    /** Stops the lookup threads (lookups in flight are interrupted); the cache and lookup stay open. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private Map<Integer, Optional<Song>> cached(Map<Integer, String> artistNames) {
        try {
            return cache.getAll(artistNames.keySet());
        } catch (RuntimeException e) {
            // Songs are garnish: without the cache, Spotify is asked, within the same budget.
            LOG.atWarn().addKeyValue("artists", artistNames.size()).addKeyValue("error", e.toString())
                    .log("song cache unreadable, asking Spotify for all artists");
            return Map.of();
        }
    }

    private Map<Integer, SongAnswer> lookUp(Map<Integer, String> misses, StopFlag stop, long deadline) {
        Map<Integer, Future<SongAnswer>> pending = new LinkedHashMap<>();
        misses.forEach((id, name) -> pending.put(id, pool.submit(() -> lookUp(id, name, stop))));
        Map<Integer, SongAnswer> answers = new LinkedHashMap<>();
        List<Future<SongAnswer>> unfinished = new ArrayList<>();
        for (Map.Entry<Integer, Future<SongAnswer>> entry : pending.entrySet()) {
            Future<SongAnswer> future = entry.getValue();
            try {
                long remaining = Math.max(0, deadline - System.nanoTime());
                answers.put(entry.getKey(), future.get(remaining, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                stop.raise("the time budget of " + limits.timeBudget() + " ran out");
                unfinished.add(future);
            } catch (ExecutionException | CancellationException e) {
                LOG.atWarn().addKeyValue("artist_id", entry.getKey()).setCause(e).log("song lookup failed unexpectedly");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.raise("interrupted");
                unfinished.add(future);
            }
        }
        // Queued lookups see the stop and return at once; a request in flight is not waited for
        // (its answer, if it comes, is still cached by its thread).
        unfinished.forEach(future -> future.cancel(false));
        return answers;
    }

    private SongAnswer lookUp(int artistId, String name, StopFlag stop) {
        if (stop.raised() || spotifyPaused()) {
            return SongAnswer.unknown();
        }
        Optional<Song> song;
        try {
            song = lookup.mostPopularSong(name);
        } catch (TrackLookupUnavailableException e) {
            pauseSpotify(e);
            stop.raise(e.getMessage());
            return SongAnswer.unknown();
        } catch (RuntimeException e) {
            // A bug with one artist's answer must not cost the others their songs.
            LOG.atWarn().addKeyValue("artist_id", artistId).setCause(e).log("song lookup failed unexpectedly");
            return SongAnswer.unknown();
        }
        try {
            cache.put(artistId, song);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("artist_id", artistId).addKeyValue("error", e.toString()).log("could not cache the song");
        }
        return SongAnswer.of(song);
    }

    private boolean spotifyPaused() {
        return clock.instant().isBefore(spotifyPausedUntil.get());
    }

    private void pauseSpotify(TrackLookupUnavailableException e) {
        Instant until = clock.instant().plus(e.retryAfter().orElse(limits.pauseWithoutRetryAfter()));
        spotifyPausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    private void count(int cacheHits, List<SongAnswer> asked) {
        long hits = asked.stream().filter(answer -> answer instanceof SongAnswer.Found).count();
        long misses = asked.stream().filter(answer -> answer instanceof SongAnswer.NotFound).count();
        metrics.line().count(CACHE_HITS, cacheHits).count(SPOTIFY_HITS, hits).count(SPOTIFY_MISSES, misses)
                .count(SPOTIFY_FAILURES, asked.size() - hits - misses).emit();
    }

    private static void log(int artists, int cached, int misses, Map<Integer, SongAnswer> answers, StopFlag stop) {
        long unknown = answers.values().stream().filter(answer -> !answer.definite()).count();
        if (unknown == 0) {
            LOG.atInfo().addKeyValue("artists", artists).addKeyValue("cached", cached).addKeyValue("from_spotify", misses)
                    .log("songs looked up");
        } else {
            LOG.atWarn().addKeyValue("artists", artists).addKeyValue("cached", cached).addKeyValue("from_spotify", misses - unknown)
                    .addKeyValue("unknown", unknown).addKeyValue("reason", stop.reason()).log("songs looked up, some unknown this time");
        }
    }

    /** What one call's lookups share: once raised, with why, no lookup asks Spotify again. */
    private static final class StopFlag {
        private final AtomicReference<String> stopReason = new AtomicReference<>();

        void raise(String reason) {
            stopReason.compareAndSet(null, reason);
        }

        boolean raised() {
            return stopReason.get() != null;
        }

        String reason() {
            return stopReason.get() == null ? "lookups failed unexpectedly" : stopReason.get();
        }
    }
}
