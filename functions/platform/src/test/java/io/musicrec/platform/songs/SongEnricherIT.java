package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.cache.RedisConnection;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.local.services.SpotifyStandIn.Failure;
import io.musicrec.local.services.SpotifyStandIn.Track;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.local.services.testing.TestRedis;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.testing.EmfLines;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enricher wired as the worker wires it: real Redis, the real Spotify adapter, the stand-in. */
class SongEnricherIT {

    /** For the test of a silent Spotify; the others use the production timeouts. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final int PARALLELISM = 4;
    private static final Duration PAUSE = Duration.ofSeconds(30);

    private static TestRedis redis;
    private static RedisConnection connection;

    private SpotifyStandIn spotify;
    private MutableClock clock;
    private RedisSongCache cache;
    private SpotifyTrackLookup lookup;
    private SongEnricher enricher;
    /** Fresh ids per test, so that answers cached by another test (or user of a shared Redis) do not leak in. */
    private int firstId;

    @BeforeAll
    static void connect() {
        redis = TestRedis.start();
        connection = RedisConnection.open(redis.url());
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        redis.close();
    }

    @BeforeEach
    void start() {
        spotify = SpotifyStandIn.start(0)
                .addArtist("Radiohead", List.of(new Track("Karma Police", 78), new Track("Creep", 85)))
                .addArtist("Muse", List.of(new Track("Uprising (Tribute)", 90, List.of("Tribute Band")), new Track("Starlight", 75)));
        // A search for "Band 10" also finds Band 1's tracks: the credited-artist filter sorts them out.
        for (int i = 1; i <= 30; i++) {
            spotify.addArtist("Band " + i, List.of(new Track("Hit of band " + i, 50 + i)));
        }
        clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        cache = new RedisSongCache(connection, clock);
        lookup = new SpotifyTrackLookup(SpotifySettings.of(SpotifyStandIn.CLIENT_ID, SpotifyStandIn.CLIENT_SECRET,
                URI.create(spotify.baseUrl())), clock);
        enricher = new SongEnricher(cache, lookup, clock, new SongEnricher.Limits(PARALLELISM, Duration.ofSeconds(10), PAUSE));
        firstId = ThreadLocalRandom.current().nextInt(1_000_000, 1_000_000_000);
    }

    @AfterEach
    void stop() {
        spotify.recover();
        enricher.close();
        lookup.close();
        spotify.close();
    }

    @Test
    void songsComeFromSpotifyWithNotFoundAsADefiniteAnswer() {
        Map<Integer, SongAnswer> answers = enricher.songsFor(threeArtists());

        assertEquals(List.of(firstId, firstId + 1, firstId + 2), List.copyOf(answers.keySet()), "in the order given");
        assertEquals("Creep", songName(answers, firstId));
        assertEquals("Starlight", songName(answers, firstId + 1));
        assertEquals(SongAnswer.of(Optional.empty()), answers.get(firstId + 2));
        assertEquals(3, spotify.searchRequests());
    }

    @Test
    void cachedSongsAndCachedNotFoundAreServedWithoutAskingSpotify() {
        Map<Integer, SongAnswer> first = enricher.songsFor(threeArtists());
        spotify.resetCounters();

        Map<Integer, SongAnswer> second = enricher.songsFor(threeArtists());

        assertEquals(first, second);
        assertEquals(0, spotify.searchRequests());
        assertEquals(0, spotify.tokenRequests());
    }

    @Test
    void onlyArtistsMissingFromTheCacheAreLookedUp() {
        enricher.songsFor(Map.of(firstId, "Radiohead"));
        spotify.resetCounters();

        Map<Integer, SongAnswer> answers = enricher.songsFor(threeArtists());

        assertEquals(List.of("artist:\"Muse\"", "artist:\"Nobody Famous\""), spotify.searchQueries().stream().sorted().toList());
        assertEquals("Creep", songName(answers, firstId));
    }

    @Test
    void eachCallCountsCacheHitsSpotifysHitsMissesAndFailuresInOneMetricsLine() {
        EmfLines lines = new EmfLines();
        try (SongEnricher counted = new SongEnricher(cache, lookup, clock, new SongEnricher.Limits(PARALLELISM, Duration.ofSeconds(10), PAUSE),
                Metrics.to("worker", clock, lines))) {
            counted.songsFor(Map.of(firstId, "Radiohead"));
            spotify.failSearchWith(Failure.tooManyRequests(60));
            counted.songsFor(threeArtists());
        }

        assertEquals(List.of(0.0, 1.0), values(lines, SongEnricher.CACHE_HITS));
        assertEquals(List.of(1.0, 0.0), values(lines, SongEnricher.SPOTIFY_HITS));
        assertEquals(List.of(0.0, 0.0), values(lines, SongEnricher.SPOTIFY_MISSES));
        assertEquals(List.of(0.0, 2.0), values(lines, SongEnricher.SPOTIFY_FAILURES), "Muse and Nobody Famous had no answer");
        assertEquals(2, lines.lines().size(), "one line per call");
        lines.metrics().forEach(metric -> assertEquals(Map.of("Service", "worker"), metric.dimensions()));
    }

    @Test
    void spotifysNoTrackAnswerCountsAsAMiss() {
        EmfLines lines = new EmfLines();
        try (SongEnricher counted = new SongEnricher(cache, lookup, clock, new SongEnricher.Limits(PARALLELISM, Duration.ofSeconds(10), PAUSE),
                Metrics.to("users", clock, lines))) {
            counted.songsFor(threeArtists());
        }

        assertEquals(2.0, lines.single(SongEnricher.SPOTIFY_HITS).value());
        assertEquals(1.0, lines.single(SongEnricher.SPOTIFY_MISSES).value());
        assertEquals(0.0, lines.single(SongEnricher.SPOTIFY_FAILURES).value());
    }

    private static List<Double> values(EmfLines lines, String metric) {
        return lines.named(metric).stream().map(EmfLines.Metric::value).toList();
    }

    @Test
    void rateLimitedSpotifyIsLeftAloneForTheRestOfTheCallAndItemsComeWithoutSongs() {
        spotify.failSearchWith(Failure.tooManyRequests(60));

        Map<Integer, SongAnswer> answers = enricher.songsFor(thirtyBands());

        assertEquals(30, answers.size());
        assertTrue(answers.values().stream().allMatch(answer -> answer.equals(SongAnswer.unknown())), answers.toString());
        assertTrue(spotify.searchRequests() <= PARALLELISM, spotify.searchRequests() + " searches for 30 artists");
        assertEquals(Map.of(), cache.getAll(thirtyBands().keySet()), "no answer was cached");
    }

    @Test
    void retryAfterIsHonouredAcrossCalls() {
        spotify.failSearchWith(Failure.tooManyRequests(60));
        enricher.songsFor(Map.of(firstId, "Radiohead"));
        spotify.recover();
        spotify.resetCounters();

        clock.advance(Duration.ofSeconds(59));
        assertEquals(SongAnswer.unknown(), enricher.songsFor(Map.of(firstId, "Radiohead")).get(firstId));
        assertEquals(0, spotify.searchRequests(), "still within Retry-After");

        clock.advance(Duration.ofSeconds(2));
        assertEquals("Creep", songName(enricher.songsFor(Map.of(firstId, "Radiohead")), firstId));
    }

    @Test
    void serverErrorIsNotCachedAndALaterCallFillsTheSongs() {
        spotify.failSearchWith(Failure.serverError());

        Map<Integer, SongAnswer> during = enricher.songsFor(threeArtists());
        assertTrue(during.values().stream().noneMatch(SongAnswer::definite), during.toString());

        spotify.recover();
        clock.advance(PAUSE.plusSeconds(1));
        Map<Integer, SongAnswer> after = enricher.songsFor(threeArtists());

        assertEquals("Creep", songName(after, firstId));
        assertEquals("Starlight", songName(after, firstId + 1));
        assertEquals(SongAnswer.of(Optional.empty()), after.get(firstId + 2));
    }

    @Test
    void failureWithoutRetryAfterPausesSpotifyBriefly() {
        spotify.failSearchWith(Failure.serverError());
        enricher.songsFor(Map.of(firstId, "Radiohead"));
        spotify.recover();
        spotify.resetCounters();

        clock.advance(PAUSE.minusSeconds(1));
        enricher.songsFor(Map.of(firstId, "Radiohead"));

        assertEquals(0, spotify.searchRequests());
    }

    @Test
    void silentSpotifyCostsOneResponseTimeoutNotOnePerArtist() {
        try (SpotifyTrackLookup impatient = new SpotifyTrackLookup(SpotifySettings.of(SpotifyStandIn.CLIENT_ID,
                     SpotifyStandIn.CLIENT_SECRET, URI.create(spotify.baseUrl())).withTimeouts(SHORT_TIMEOUT, SHORT_TIMEOUT), clock);
             SongEnricher enricher = new SongEnricher(cache, impatient, clock, new SongEnricher.Limits(PARALLELISM, Duration.ofSeconds(10), PAUSE))) {
            enricher.songsFor(Map.of(firstId, "Radiohead"));
            spotify.failSearchWith(Failure.noAnswer());
            spotify.resetCounters();

            long started = System.nanoTime();
            Map<Integer, SongAnswer> answers = enricher.songsFor(thirtyBands());
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertTrue(millis < 4 * SHORT_TIMEOUT.toMillis(), millis + " ms for 30 artists");
            assertTrue(answers.values().stream().noneMatch(SongAnswer::definite));
            assertTrue(spotify.searchRequests() <= PARALLELISM, spotify.searchRequests() + " searches");
            spotify.recover();
        }
    }

    @Test
    void timeBudgetBoundsTheCallWhateverTheHttpTimeouts() {
        try (SpotifyTrackLookup patient = new SpotifyTrackLookup(SpotifySettings.of(SpotifyStandIn.CLIENT_ID,
                     SpotifyStandIn.CLIENT_SECRET, URI.create(spotify.baseUrl())).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)), clock);
             SongEnricher hurried = new SongEnricher(cache, patient, clock,
                     new SongEnricher.Limits(PARALLELISM, Duration.ofMillis(300), PAUSE))) {
            spotify.failSearchWith(Failure.noAnswer());

            long started = System.nanoTime();
            Map<Integer, SongAnswer> answers = hurried.songsFor(thirtyBands());
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertTrue(millis < 2_000, millis + " ms with a 300 ms budget and a 5 s response timeout");
            assertEquals(30, answers.size());
            assertTrue(answers.values().stream().noneMatch(SongAnswer::definite));
            spotify.recover();
        }
    }

    @Test
    void missingCredentialsLeaveSongsUnknownButCachedOnesAreStillServed() {
        enricher.songsFor(Map.of(firstId, "Radiohead"));
        spotify.resetCounters();
        try (SpotifyTrackLookup anonymous = new SpotifyTrackLookup(SpotifySettings.of(null, null, URI.create(spotify.baseUrl())), clock);
             SongEnricher withoutSpotify = new SongEnricher(cache, anonymous, clock)) {

            Map<Integer, SongAnswer> answers = withoutSpotify.songsFor(threeArtists());

            assertEquals("Creep", songName(answers, firstId));
            assertEquals(SongAnswer.unknown(), answers.get(firstId + 1));
            assertEquals(SongAnswer.unknown(), answers.get(firstId + 2));
        }
        assertEquals(0, spotify.tokenRequests() + spotify.searchRequests());
    }

    @Test
    void manyArtistsAreLookedUpInParallel() {
        Map<Integer, SongAnswer> answers = enricher.songsFor(thirtyBands());

        for (int i = 1; i <= 30; i++) {
            assertEquals("Hit of band " + i, songName(answers, firstId + i));
        }
        assertEquals(1, spotify.tokenRequests(), "one token shared by the lookup threads");
        assertEquals(30, spotify.searchRequests());
    }

    private Map<Integer, String> threeArtists() {
        Map<Integer, String> artists = new LinkedHashMap<>();
        artists.put(firstId, "Radiohead");
        artists.put(firstId + 1, "Muse");
        artists.put(firstId + 2, "Nobody Famous");
        return artists;
    }

    private Map<Integer, String> thirtyBands() {
        Map<Integer, String> artists = new LinkedHashMap<>();
        for (int i = 1; i <= 30; i++) {
            artists.put(firstId + i, "band " + i + " ");
        }
        return artists;
    }

    private static String songName(Map<Integer, SongAnswer> answers, int artistId) {
        return answers.get(artistId).song().map(Song::name).orElse(null);
    }
}
