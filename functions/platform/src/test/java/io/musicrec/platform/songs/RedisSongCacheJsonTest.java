package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.cache.CacheJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The song cache's entries against what the cache's mapper writes and reads. */
class RedisSongCacheJsonTest {

    private static final Instant AT = Instant.parse("2026-11-28T15:48:12.345678Z");

    private static final List<RedisSongCache.Entry> ENTRIES = List.of(
            new RedisSongCache.Entry(true, new Song("Creep", "https://i.scdn.co/image/ab67", "https://open.spotify.com/track/70LcF31", "Radiohead"), AT),
            new RedisSongCache.Entry(true, new Song("Hoppípolla — 🎶 “live” \"quoted\" \\ \u0001", null, null, "Sigur Rós"), AT),
            new RedisSongCache.Entry(false, null, AT),
            new RedisSongCache.Entry(false, null, null));

    @Test
    void entriesAreWrittenAsTheMapperWritesThemAndReadBackEqual() {
        for (RedisSongCache.Entry entry : ENTRIES) {
            String json = RedisSongCache.toJson(entry);
            assertEquals(CacheJson.write((Object) entry), json);
            assertEquals(entry, RedisSongCache.fromJson(json));
            assertEquals(entry, CacheJson.read(json, RedisSongCache.Entry.class));
        }
    }

    @Test
    void readsEntriesWithFieldsItDoesNotKnowAndInAnyOrder() {
        assertEquals(new RedisSongCache.Entry(true, new Song("Creep", null, null, null), AT), RedisSongCache.fromJson(
                "{\"v\":{\"x\":[1,{}]},\"checked_at\":\"2026-11-28T15:48:12.345678Z\",\"song\":{\"isrc\":\"x\",\"name\":\"Creep\"},\"found\":true}"));
    }

    @Test
    void refusesWhatIsNotAnEntry() {
        for (String json : List.of("{not json", "[]", "{\"found\":\"yes\"}", "{\"found\":true,\"song\":\"Creep\"}",
                "{\"found\":true,\"song\":{\"name\":7}}", "{\"found\":false,\"checked_at\":\"yesterday\"}", "{} {}")) {
            assertThrows(IllegalArgumentException.class, () -> RedisSongCache.fromJson(json), json);
        }
        assertThrows(NullPointerException.class, () -> RedisSongCache.fromJson("{\"found\":true,\"song\":{\"url\":\"u\"}}"));
    }
}
