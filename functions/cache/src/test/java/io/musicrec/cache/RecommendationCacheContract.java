package io.musicrec.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.cache.RecommendationDocument.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What any {@link RecommendationCache} must do. An implementation's integration test extends this
 * class and supplies the cache; user ids are fresh per test, so a shared server is fine.
 */
abstract class RecommendationCacheContract {

    /** The cache under test; may be the same instance across tests. */
    abstract RecommendationCache cache();

    /** A second cache on another connection to the same store, for the concurrency test. */
    abstract RecommendationCache anotherCache();

    /** When the models of these tests were created: the older and the newer one. */
    static final Instant OLDER_MODEL = Instant.parse("2026-11-01T03:00:00Z");
    static final Instant NEWER_MODEL = Instant.parse("2026-11-02T03:00:00Z");

    static String newUser() {
        return "test-" + UUID.randomUUID();
    }

    static RecommendationDocument ready(long totalPlays, String modelId) {
        return new RecommendationDocument(Status.READY, modelId, Instant.parse("2026-11-28T15:48:12.345Z"), totalPlays,
                List.of(new Item(289, "Radiohead", "Creep", "https://i.scdn.co/image/ab", "https://open.spotify.com/track/x",
                        0.87, List.of(9, 12))));
    }

    static RecommendationDocument suggestions() {
        return new RecommendationDocument(Status.SUGGESTIONS, "model-1", Instant.parse("2026-11-28T10:00:00Z"), 0,
                List.of(new Item(9, "Muse", null, null, null, 0.0, List.of())));
    }

    @Test
    void missingUserHasNoDocument() {
        String user = newUser();

        assertEquals(Optional.empty(), cache().getJson(user));
        assertEquals(Optional.empty(), cache().get(user));
    }

    @Test
    void firstDocumentIsStoredAndReadBack() {
        String user = newUser();

        assertTrue(cache().putIfNotOlder(user, ready(5, "model-1"), OLDER_MODEL));

        assertEquals(Optional.of(ready(5, "model-1")), cache().get(user));
    }

    @Test
    void olderDocumentNeverReplacesNewerOne() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(10, "model-new"), OLDER_MODEL);
        String stored = cache().getJson(user).orElseThrow();

        assertFalse(cache().putIfNotOlder(user, ready(5, "model-old"), OLDER_MODEL));

        assertEquals(stored, cache().getJson(user).orElseThrow(), "the stored JSON is untouched");
    }

    @Test
    void newerDocumentReplacesOlderOne() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(5, "model-1"), OLDER_MODEL);

        assertTrue(cache().putIfNotOlder(user, ready(10, "model-1"), OLDER_MODEL));

        assertEquals(10, cache().get(user).orElseThrow().totalPlays());
    }

    @Test
    void documentForTheSameTotalFromANewerModelReplacesTheStoredOne() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(10, "model-old"), OLDER_MODEL);

        assertTrue(cache().putIfNotOlder(user, ready(10, "model-new"), NEWER_MODEL));

        assertEquals("model-new", cache().get(user).orElseThrow().modelId());
    }

    @Test
    void documentForTheSameTotalFromAnOlderModelNeverReplacesTheNewerModelsDocument() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(10, "model-new"), NEWER_MODEL);
        String stored = cache().getJson(user).orElseThrow();

        assertFalse(cache().putIfNotOlder(user, ready(10, "model-old"), OLDER_MODEL),
                "a duplicate message handled by a container still on the previous model");

        assertEquals(stored, cache().getJson(user).orElseThrow(), "the newer model's document is untouched");
    }

    @Test
    void documentForMorePlaysFromAnOlderModelStillReplacesTheStoredOne() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(10, "model-new"), NEWER_MODEL);

        assertTrue(cache().putIfNotOlder(user, ready(15, "model-old"), OLDER_MODEL), "plays come first, the model second");

        assertEquals(15, cache().get(user).orElseThrow().totalPlays());
    }

    @Test
    void documentForTheSameTotalAndModelReplacesTheStoredOne() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(10, "model-old"), OLDER_MODEL);
        RecommendationDocument again = new RecommendationDocument(Status.READY, "model-old", Instant.parse("2026-11-28T16:00:00Z"), 10,
                List.of(new Item(9, "Muse", "Uprising", null, null, 0.5, List.of())));

        assertTrue(cache().putIfNotOlder(user, again, OLDER_MODEL), "a retry may carry songs Spotify answered since");

        assertEquals(Optional.of(again), cache().get(user));
    }

    @Test
    void totalsAreComparedAsNumbersNotAsText() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(10, "model-1"), OLDER_MODEL);

        assertFalse(cache().putIfNotOlder(user, ready(9, "model-1"), OLDER_MODEL), "\"9\" > \"10\" as text, not as numbers");
        assertTrue(cache().putIfNotOlder(user, ready(100, "model-1"), OLDER_MODEL));
    }

    @Test
    void concurrentWritersLeaveTheDocumentWithTheLargestTotal() throws Exception {
        // Many short races, all writers released at once, rather than one long run: the window
        // between a non-atomic read and write is hit far more often when the writers collide.
        int rounds = 150;
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                String user = newUser();
                List<Callable<Long>> writes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    RecommendationCache cache = w % 2 == 0 ? cache() : anotherCache();
                    writes.add(() -> {
                        long total = ThreadLocalRandom.current().nextLong(1, 1_000_000);
                        start.await(5, TimeUnit.SECONDS);
                        cache.putIfNotOlder(user, ready(total, "model-" + total), OLDER_MODEL);
                        return total;
                    });
                }
                long largest = 0;
                for (Future<Long> written : pool.invokeAll(writes)) {
                    largest = Math.max(largest, written.get());
                }

                RecommendationDocument survivor = cache().get(user).orElseThrow();
                assertEquals(largest, survivor.totalPlays(), "round " + round);
                assertEquals("model-" + largest, survivor.modelId(), "the JSON and the total were written together");
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void putIfAbsentStoresSuggestionsForANewUser() {
        String user = newUser();

        assertTrue(cache().putIfAbsent(user, suggestions()));

        assertEquals(Optional.of(suggestions()), cache().get(user));
    }

    @Test
    void putIfAbsentNeverReplacesAStoredDocument() {
        String user = newUser();
        cache().putIfNotOlder(user, ready(5, "model-1"), OLDER_MODEL);

        assertFalse(cache().putIfAbsent(user, suggestions()));

        assertEquals(Status.READY, cache().get(user).orElseThrow().status());
    }

    @Test
    void secondRegistrationKeepsTheFirstSuggestions() {
        String user = newUser();
        RecommendationDocument first = suggestions();
        cache().putIfAbsent(user, first);

        assertFalse(cache().putIfAbsent(user, new RecommendationDocument(Status.SUGGESTIONS, "model-2", Instant.now(), 0, List.of())));

        assertEquals(Optional.of(first), cache().get(user));
    }

    @Test
    void firstRecalculationReplacesTheSuggestions() {
        String user = newUser();
        cache().putIfAbsent(user, suggestions());

        assertTrue(cache().putIfNotOlder(user, ready(5, "model-1"), OLDER_MODEL));

        assertEquals(Status.READY, cache().get(user).orElseThrow().status());
    }

    @Test
    void jsonComesBackVerbatimWithOddUnicodeNames() {
        String user = newUser();
        List<String> names = List.of("Sigur Rós", "Björk", "坂本龍一", "فيروز", "Mötley Crüe", "🎸 Emoji Band 🥁",
                "AC/DC \"Live\" \\ back\\slash", "Zalgo Z̷̢a̶l̸g̵o", "tab\tand\nnewline", "\u0000 nul");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            items.add(new Item(i + 1, names.get(i), names.get(names.size() - 1 - i), null, null, 1.0 / (i + 1), List.of(i + 1)));
        }
        RecommendationDocument document = new RecommendationDocument(Status.READY, "modèle-ü", Instant.parse("2026-01-02T03:04:05.123456789Z"), 5, items);

        cache().putIfNotOlder(user, document, OLDER_MODEL);

        assertEquals(CacheJson.write(document), cache().getJson(user).orElseThrow());
        assertEquals(document, cache().get(user).orElseThrow());
    }

    @Test
    void usersWhoseIdsDifferOnlyInPunctuationHaveSeparateDocuments() {
        String base = newUser();
        List<String> users = List.of(base + ":a", base + "%3Aa", base + "{a}", base + "|a", base + " a", base + "é");
        for (int i = 0; i < users.size(); i++) {
            cache().putIfNotOlder(users.get(i), ready(i + 1, "model-" + i), OLDER_MODEL);
        }

        for (int i = 0; i < users.size(); i++) {
            assertEquals("model-" + i, cache().get(users.get(i)).orElseThrow().modelId(), users.get(i));
        }
    }

    @Test
    void blankUserIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> cache().putIfNotOlder(" ", ready(1, "m"), OLDER_MODEL));
        assertThrows(IllegalArgumentException.class, () -> cache().getJson(""));
    }
}
