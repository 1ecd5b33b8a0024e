package io.musicrec.platform.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.recommend.UserPlay;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What any {@link PlayStore} must do. An implementation's integration test extends this class;
 * its catalog must hold artists 1, 2 and 3 and not 999. User ids are fresh per test.
 */
abstract class PlayStoreContract {

    /** The store under test; may be the same instance across tests. */
    abstract PlayStore store();

    /** Another store on the same data, as another container would have (its own connection). */
    abstract PlayStore anotherStore();

    static String newUser() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void registerIsTrueOnlyTheFirstTime() {
        String user = newUser();
        assertTrue(store().register(user));
        assertFalse(store().register(user));
        assertEquals(0, store().totalPlays(user));
    }

    @Test
    void playsAreCountedPerArtistAndInTotal() {
        String user = newUser();
        assertEquals(new PlayRecorded(1, 1, 1, false), store().recordPlay(user, 1));
        assertEquals(new PlayRecorded(2, 1, 2, false), store().recordPlay(user, 2));
        assertEquals(new PlayRecorded(1, 2, 3, false), store().recordPlay(user, 1));
        assertEquals(List.of(new UserPlay(1, 2), new UserPlay(2, 1)), store().plays(user));
        assertEquals(3, store().totalPlays(user));
        assertEquals(new PlayHistory(3, List.of(new UserPlay(1, 2), new UserPlay(2, 1))), store().history(user));
    }

    @Test
    void firstPlayRegistersTheUser() {
        String user = newUser();
        store().recordPlay(user, 3);
        assertFalse(store().register(user));
    }

    @Test
    void everyFifthPlayAndOnlyItQueuesARecalculation() {
        String user = newUser();
        for (int i = 1; i <= 12; i++) {
            PlayRecorded play = store().recordPlay(user, 1 + i % 3);
            assertEquals(i % 5 == 0, play.recalculationQueued(), "play " + i);
        }
    }

    @Test
    void unknownArtistChangesNothing() {
        String user = newUser();
        UnknownArtistException e = assertThrows(UnknownArtistException.class, () -> store().recordPlay(user, 999));
        assertEquals(999, e.artistId());
        assertThrows(UnknownArtistException.class, () -> store().recordPlay(user, 0));
        assertTrue(store().register(user), "the failed play did not register the user");

        store().recordPlay(user, 1);
        assertThrows(UnknownArtistException.class, () -> store().recordPlay(user, 999));
        assertEquals(1, store().totalPlays(user), "the total did not move");
        assertEquals(List.of(new UserPlay(1, 1)), store().plays(user));
    }

    @Test
    void unknownUserHasNoPlays() {
        String user = newUser();
        assertEquals(List.of(), store().plays(user));
        assertEquals(0, store().totalPlays(user));
        assertEquals(new PlayHistory(0, List.of()), store().history(user));
    }

    @Test
    void malformedUserIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> store().register(""));
        assertThrows(IllegalArgumentException.class, () -> store().register(" "));
        assertThrows(IllegalArgumentException.class, () -> store().register("x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> store().recordPlay("x".repeat(256), 1));
        assertTrue(store().register("auth0|" + "ü".repeat(245) + UUID.randomUUID().toString().substring(0, 4)),
                "255 characters (more bytes) is fine");
    }

    static IdempotencyKey newKey() {
        return new IdempotencyKey(UUID.randomUUID().toString());
    }

    @Test
    void aRepeatedKeyGetsTheFirstAnswerAndWritesNothing() {
        String user = newUser();
        IdempotencyKey key = newKey();
        store().recordPlay(user, 2);

        PlayRecorded first = store().recordPlay(user, 1, key);
        PlayRecorded again = store().recordPlay(user, 1, key);
        PlayRecorded fromAnotherContainer = anotherStore().recordPlay(user, 1, key);

        assertEquals(new PlayRecorded(1, 1, 2, false), first);
        assertEquals(new PlayRecorded(1, 1, 2, false, true), again);
        assertEquals(again, fromAnotherContainer);
        assertEquals(new PlayHistory(2, List.of(new UserPlay(1, 1), new UserPlay(2, 1))), store().history(user));
        assertEquals(new PlayRecorded(1, 2, 3, false), store().recordPlay(user, 1), "a play without the key is a new play");
    }

    @Test
    void aRepeatOfTheFifthPlayQueuesNoSecondRecalculation() {
        String user = newUser();
        for (int i = 1; i <= 4; i++) {
            store().recordPlay(user, 1 + i % 3);
        }
        IdempotencyKey key = newKey();

        PlayRecorded fifth = store().recordPlay(user, 3, key);
        PlayRecorded repeat = store().recordPlay(user, 3, key);

        assertTrue(fifth.queuedNow());
        assertTrue(repeat.recalculationQueued(), "the first answer, as it was");
        assertFalse(repeat.queuedNow(), "but nothing queued now");
        assertEquals(5, store().totalPlays(user));
        assertEquals(new PlayRecorded(1, 2, 6, false), store().recordPlay(user, 1), "the next play is the sixth");
    }

    @Test
    void aKeyIsTheCallersOwnAndTheSameKeyWithAnotherArtistIsRefused() {
        String user = newUser();
        String other = newUser();
        IdempotencyKey key = newKey();
        store().recordPlay(user, 1, key);

        IdempotencyKeyReusedException e = assertThrows(IdempotencyKeyReusedException.class, () -> store().recordPlay(user, 2, key));

        assertEquals(1, e.firstArtistId());
        assertEquals(List.of(new UserPlay(1, 1)), store().plays(user), "nothing written for the refused play");
        assertEquals(new PlayRecorded(2, 1, 1, false), store().recordPlay(other, 2, key), "another user's key of the same text is another key");
    }

    @Test
    void aKeyedPlayOfAnUnknownArtistKeepsNoKey() {
        String user = newUser();
        IdempotencyKey key = newKey();
        assertThrows(UnknownArtistException.class, () -> store().recordPlay(user, 999, key));
        assertEquals(new PlayRecorded(1, 1, 1, false), store().recordPlay(user, 1, key), "the key is free for the corrected play");
    }

    @Test
    void malformedKeysAreRefused() {
        for (String bad : new String[] {"", "a b", "a,b", "a\"b", "a\\b", "é", "k".repeat(256), "tab\t"}) {
            assertThrows(IllegalArgumentException.class, () -> new IdempotencyKey(bad), bad);
        }
        assertEquals(255, new IdempotencyKey("k".repeat(255)).value().length());
    }

    /**
     * 200 plays of one user from 16 threads, half on each of two stores: every total from 1 to 200
     * is reported exactly once, and exactly the multiples of five queue a recalculation.
     *
     * @return the user, for an implementation's own checks
     */
    String concurrentPlaysOfOneUserSeeEveryTotalOnce() throws Exception {
        String user = newUser();
        int plays = 200;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<PlayRecorded> results = new ConcurrentLinkedQueue<>();
            List<Future<?>> futures = new ArrayList<>();
            PlayStore other = anotherStore();
            for (int i = 0; i < plays; i++) {
                PlayStore s = i % 2 == 0 ? store() : other;
                int artist = 1 + i % 3;
                futures.add(pool.submit(() -> {
                    start.await();
                    results.add(s.recordPlay(user, artist));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            assertEquals(LongStream.rangeClosed(1, plays).boxed().toList(),
                    results.stream().map(PlayRecorded::totalPlays).sorted().toList(), "every total exactly once");
            assertTrue(results.stream().allMatch(r -> r.recalculationQueued() == (r.totalPlays() % 5 == 0)));
            PlayHistory history = store().history(user);
            assertEquals(plays, history.totalPlays());
            assertEquals(plays, history.plays().stream().mapToLong(UserPlay::plays).sum(), "per-artist counts sum to the total");
            return user;
        } finally {
            pool.shutdownNow();
        }
    }
}
