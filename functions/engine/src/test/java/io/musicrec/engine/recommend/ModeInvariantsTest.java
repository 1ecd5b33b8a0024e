package io.musicrec.engine.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.TinyModel;
import io.musicrec.engine.model.Weighting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rules every mode keeps, checked over random users of a random 300-artist model. */
class ModeInvariantsTest {
    private static final int ARTISTS = 300;
    private final Model model = randomModel();

    private static Model randomModel() {
        SplittableRandom rng = new SplittableRandom(11);
        int[] ids = new int[ARTISTS];
        float[][] factors = new float[ARTISTS][8];
        int[] listeners = new int[ARTISTS];
        for (int i = 0; i < ARTISTS; i++) {
            ids[i] = 3 * i + 1;
            for (int f = 0; f < 8; f++) {
                factors[i][f] = (float) rng.nextGaussian();
            }
            listeners[i] = 1 + rng.nextInt(40);
        }
        return TinyModel.of(ids, factors, listeners, 20, 2.0, 0.5, Weighting.BM25, 0.05);
    }

    private List<UserPlay> randomUser(SplittableRandom rng) {
        List<UserPlay> plays = new ArrayList<>();
        int count = 1 + rng.nextInt(40);
        for (int i = 0; i < count; i++) {
            int id = rng.nextInt(5) == 0 ? 100_000 + i : 3 * rng.nextInt(ARTISTS) + 1;
            plays.add(new UserPlay(id, 1 + rng.nextInt(rng.nextBoolean() ? 5 : 5000)));
        }
        return plays;
    }

    @Test
    void noModeRecommendsAPlayedArtistOrOneArtistTwice() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 150; trial++) {
            List<UserPlay> plays = randomUser(rng);
            Set<Integer> played = new HashSet<>();
            plays.forEach(p -> played.add(p.artistId()));
            int n = 1 + rng.nextInt(120);
            for (Mode mode : Mode.values()) {
                List<Recommendation> recs = Recommender.of(mode, model).recommend(plays, n);
                Set<Integer> seen = new HashSet<>();
                for (Recommendation r : recs) {
                    assertFalse(played.contains(r.artistId()), mode + " recommended played artist " + r.artistId());
                    assertTrue(seen.add(r.artistId()), mode + " recommended " + r.artistId() + " twice");
                    assertTrue(model.artists().indexOf(r.artistId()) >= 0, mode + " recommended an unknown artist");
                }
                long knownPlayed = played.stream().filter(id -> model.artists().indexOf(id) >= 0).count();
                assertEquals(Math.min(n, ARTISTS - knownPlayed), recs.size(), mode + " with n=" + n);
            }
        }
    }

    @Test
    void quotaAndHybridGiveEachSeedItsApportionedSlots() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int trial = 0; trial < 100; trial++) {
            List<UserPlay> plays = randomUser(rng);
            int n = 1 + rng.nextInt(100);
            UserHistory history = UserHistory.of(plays, model);
            if (history.seeds() == 0) {
                continue;
            }
            int[] slots = Apportionment.largestRemainder(history.seedPlays, history.seedId, n);
            Map<Integer, Integer> expected = new HashMap<>();
            for (int s = 0; s < history.seeds(); s++) {
                if (slots[s] > 0) {
                    expected.put(history.seedId[s], slots[s]);
                }
            }
            for (Mode mode : List.of(Mode.QUOTA, Mode.HYBRID)) {
                Map<Integer, Integer> actual = new HashMap<>();
                for (Recommendation r : Recommender.of(mode, model).recommend(plays, n)) {
                    actual.merge(r.because().get(0), 1, Integer::sum);
                }
                assertEquals(expected, actual, mode + " trial " + trial);
            }
        }
    }

    @Test
    void everyNonPopularItemSaysWhichPlayedArtistsItCameFrom() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 50; trial++) {
            List<UserPlay> plays = randomUser(rng);
            Set<Integer> played = new HashSet<>();
            plays.forEach(p -> played.add(p.artistId()));
            for (Mode mode : List.of(Mode.QUOTA, Mode.HYBRID)) {
                for (Recommendation r : Recommender.of(mode, model).recommend(plays, 50)) {
                    if (UserHistory.of(plays, model).seeds() > 0) {
                        assertFalse(r.because().isEmpty(), mode + " item without because");
                    }
                    assertTrue(played.containsAll(r.because()), mode + " because names an artist the user did not play");
                    assertEquals(new HashSet<>(r.because()).size(), r.because().size(), "because repeats an artist");
                }
            }
        }
    }

    @Test
    void hybridAndFoldInListsAreOrderedByPredictedPreference() {
        SplittableRandom rng = new SplittableRandom(10);
        for (int trial = 0; trial < 50; trial++) {
            List<UserPlay> plays = randomUser(rng);
            for (Mode mode : List.of(Mode.HYBRID, Mode.FOLD_IN)) {
                List<Recommendation> recs = Recommender.of(mode, model).recommend(plays, 40);
                for (int i = 1; i < recs.size(); i++) {
                    assertTrue(recs.get(i - 1).score() >= recs.get(i).score(), mode + " not sorted at " + i);
                }
            }
        }
    }
}
