package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.local.services.testing.TestRedis;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisSongCacheIT {

    private static final Song CREEP = new Song("Creep", "https://i.scdn.co/image/ab67", "https://open.spotify.com/track/70LcF31zb1H0PyJoS1Sx1r", "Radiohead");

    private static TestRedis redis;
    private static RedisConnection connection;
    private static RedisSongCache cache;

    @BeforeAll
    static void connect() {
        redis = TestRedis.start();
        connection = RedisConnection.open(redis.url());
        cache = new RedisSongCache(connection, new MutableClock(Instant.parse("2026-11-28T12:00:00Z")));
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        redis.close();
    }

    /** Artist ids unlikely to be used by anyone else on a shared Redis. */
    private static int artistId() {
        return ThreadLocalRandom.current().nextInt(1_000_000_000, Integer.MAX_VALUE);
    }

    @Test
    void foundSongIsCachedForADay() {
        int artist = artistId();

        cache.put(artist, Optional.of(CREEP));

        assertEquals(Map.of(artist, Optional.of(CREEP)), cache.getAll(List.of(artist)));
        long ttl = connection.sync().ttl(RedisKeys.song(artist));
        assertTrue(ttl > 86_400 - 10 && ttl <= 86_400, ttl + " s");
    }

    @Test
    void notFoundIsCachedAsItsOwnAnswer() {
        int artist = artistId();

        cache.put(artist, Optional.empty());

        assertEquals(Map.of(artist, Optional.empty()), cache.getAll(List.of(artist)));
        assertTrue(connection.sync().ttl(RedisKeys.song(artist)) > 0);
    }

    @Test
    void entryIsJsonWithTheMarkerAndWhenSpotifyWasAsked() {
        int found = artistId();
        int notFound = artistId();
        cache.put(found, Optional.of(CREEP));
        cache.put(notFound, Optional.empty());

        assertEquals("{\"found\":true,\"song\":{\"name\":\"Creep\",\"image\":\"https://i.scdn.co/image/ab67\","
                + "\"url\":\"https://open.spotify.com/track/70LcF31zb1H0PyJoS1Sx1r\",\"artist_name\":\"Radiohead\"},"
                + "\"checked_at\":\"2026-11-28T12:00:00Z\"}", connection.sync().get(RedisKeys.song(found)));
        assertEquals("{\"found\":false,\"song\":null,\"checked_at\":\"2026-11-28T12:00:00Z\"}",
                connection.sync().get(RedisKeys.song(notFound)));
    }

    @Test
    void artistsNeverCachedAreAbsent() {
        int cached = artistId();
        int uncached = artistId();
        cache.put(cached, Optional.of(CREEP));

        assertEquals(Map.of(cached, Optional.of(CREEP)), cache.getAll(List.of(cached, uncached)));
        assertEquals(Map.of(), cache.getAll(List.of()));
    }

    @Test
    void laterAnswerReplacesTheEarlierOne() {
        int artist = artistId();
        cache.put(artist, Optional.empty());

        cache.put(artist, Optional.of(CREEP));

        assertEquals(Map.of(artist, Optional.of(CREEP)), cache.getAll(List.of(artist)));
    }

    @Test
    void unreadableEntryCountsAsNotCached() {
        int artist = artistId();
        int good = artistId();
        connection.sync().set(RedisKeys.song(artist), "{not json");
        cache.put(good, Optional.empty());

        assertEquals(Map.of(good, Optional.empty()), cache.getAll(List.of(artist, good)));
    }

    @Test
    void unicodeNamesComeBackIntact() {
        int artist = artistId();
        Song song = new Song("Hoppípolla — 🎶 “live”", null, null, "Sigur Rós");

        cache.put(artist, Optional.of(song));

        assertEquals(Map.of(artist, Optional.of(song)), cache.getAll(List.of(artist)));
    }

    @Test
    void hundredArtistsAreReadInOneRoundTrip() {
        assumeTrue(redis.embedded(), "counts commands on a server only these tests use");
        List<Integer> artists = ThreadLocalRandom.current().ints(100, 1_000_000_000, Integer.MAX_VALUE).boxed().toList();
        artists.subList(0, 50).forEach(artist -> cache.put(artist, Optional.of(CREEP)));
        long mgetsBefore = calls("mget");
        long getsBefore = calls("get");

        assertEquals(50, cache.getAll(artists).size());

        assertEquals(mgetsBefore + 1, calls("mget"));
        assertEquals(getsBefore, calls("get"));
    }

    private static long calls(String command) {
        Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(connection.sync().info("commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
