package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The song cache's entries: their text, pinned, and reading it back. */
class RedisSongCacheJsonTest {

    private static final Instant AT = Instant.parse("2026-11-28T15:48:12.345678Z");

    /** Each entry with its text. */
    private static final Map<RedisSongCache.Entry, String> ENTRIES = Map.of(
            new RedisSongCache.Entry(true, new Song("Creep", "https://i.scdn.co/image/ab67", "https://open.spotify.com/track/70LcF31", "Radiohead"), AT),
            "{\"found\":true,\"song\":{\"name\":\"Creep\",\"image\":\"https://i.scdn.co/image/ab67\",\"url\":\"https://open.spotify.com/track/70LcF31\","
                    + "\"artist_name\":\"Radiohead\"},\"checked_at\":\"2026-11-28T15:48:12.345678Z\"}",
            new RedisSongCache.Entry(true, new Song("Hoppípolla — 🎶 “live” \"quoted\" \\ \u0001", null, null, "Sigur Rós"), AT),
            "{\"found\":true,\"song\":{\"name\":\"Hoppípolla — 🎶 “live” \\\"quoted\\\" \\\\ \\u0001\",\"image\":null,\"url\":null,"
                    + "\"artist_name\":\"Sigur Rós\"},\"checked_at\":\"2026-11-28T15:48:12.345678Z\"}",
            new RedisSongCache.Entry(false, null, AT), "{\"found\":false,\"song\":null,\"checked_at\":\"2026-11-28T15:48:12.345678Z\"}",
            new RedisSongCache.Entry(false, null, null), "{\"found\":false,\"song\":null,\"checked_at\":null}");

    @Test
    void entriesAreWrittenInTheirShapeAndReadBackEqual() {
        ENTRIES.forEach((entry, text) -> {
            String json = RedisSongCache.toJson(entry);
            assertEquals(text, json);
            assertEquals(entry, RedisSongCache.fromJson(json));
            assertEquals(entry, RedisSongCache.fromJson(text));
        });
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
