package io.musicrec.engine.recommend;

import static io.musicrec.engine.model.TinyModel.angle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.TinyModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Six artists on a circle, so every similarity is a cosine of an angle you can see: A 0°, B 10°,
 * C 25°, D 80°, E 95°, F 170°. A's neighbours are B, C, D, E, F in that order; D's are E, C, B, A, F.
 */
class QuotaRecommenderTest {
    static final int A = 1;
    static final int B = 2;
    static final int C = 3;
    static final int D = 4;
    static final int E = 5;
    static final int F = 6;
    static final int[] IDS = {A, B, C, D, E, F};
    static final float[][] FACTORS = {angle(0), angle(10), angle(25), angle(80), angle(95), angle(170)};
    static final int[] LISTENERS = {6, 5, 4, 3, 2, 1};

    static Model model(int neighbours) {
        return TinyModel.of(IDS, FACTORS, LISTENERS, neighbours);
    }

    private static List<Integer> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::artistId).toList();
    }

    @Test
    void seedsFillTheirSharesAndLaterSeedsJoinTheBecauseOfWhatTheyPassOver() {
        // A has 3 of 4 plays: 3 slots, filled with B, C and (D being played) E. D's one slot: it
        // passes over E, C and B (taken, so D joins their because), then A (played), and takes F.
        List<Recommendation> recs = Recommender.of(Mode.QUOTA, model(5))
                .recommend(List.of(new UserPlay(A, 3), new UserPlay(D, 1)), 4);
        assertEquals(List.of(B, C, E, F), ids(recs));
        assertEquals(List.of(A, D), recs.get(0).because());
        assertEquals(List.of(A, D), recs.get(1).because());
        assertEquals(List.of(A, D), recs.get(2).because());
        assertEquals(List.of(D), recs.get(3).because());
        assertEquals(Math.cos(Math.toRadians(10)), recs.get(0).score(), 1e-6);
        assertEquals(Math.cos(Math.toRadians(95)), recs.get(2).score(), 1e-6);
        assertEquals(Math.cos(Math.toRadians(90)), recs.get(3).score(), 1e-6);
    }

    @Test
    void shortNeighbourListsContinueAlongTheFullCatalogRanking() {
        List<UserPlay> plays = List.of(new UserPlay(A, 3), new UserPlay(D, 1));
        List<Recommendation> full = Recommender.of(Mode.QUOTA, model(5)).recommend(plays, 4);
        List<Recommendation> shortLists = Recommender.of(Mode.QUOTA, model(1)).recommend(plays, 4);
        assertEquals(ids(full), ids(shortLists));
        assertEquals(full.get(3).because(), shortLists.get(3).because());
    }

    @Test
    void artistsUnknownToTheModelAreIgnored() {
        List<Recommendation> without = Recommender.of(Mode.QUOTA, model(5)).recommend(List.of(new UserPlay(A, 3), new UserPlay(D, 1)), 4);
        List<Recommendation> with = Recommender.of(Mode.QUOTA, model(5))
                .recommend(List.of(new UserPlay(A, 3), new UserPlay(999, 1000), new UserPlay(D, 1)), 4);
        assertEquals(without, with);
    }

    @Test
    void aUserWithNoKnownArtistGetsThePopularityList() {
        List<Recommendation> recs = Recommender.of(Mode.QUOTA, model(5)).recommend(List.of(new UserPlay(999, 5)), 3);
        assertEquals(List.of(A, B, C), ids(recs));
        assertEquals(List.of(), recs.get(0).because());
        assertEquals(List.of(A, B, C), ids(Recommender.of(Mode.QUOTA, model(5)).recommend(List.of(), 3)));
    }

    @Test
    void fewerCandidatesThanSlotsReturnsWhatExists() {
        List<Recommendation> recs = Recommender.of(Mode.QUOTA, model(5)).recommend(List.of(new UserPlay(A, 3), new UserPlay(D, 1)), 10);
        assertEquals(List.of(B, C, E, F), ids(recs));
    }

    @Test
    void repeatedArtistsAreSummedAndZeroPlaysAreNotPlays() {
        Recommender quota = Recommender.of(Mode.QUOTA, model(5));
        assertEquals(quota.recommend(List.of(new UserPlay(A, 3), new UserPlay(D, 1)), 4),
                quota.recommend(List.of(new UserPlay(A, 2), new UserPlay(D, 1), new UserPlay(A, 1)), 4));
        // D with zero plays is not played: A alone takes all four slots, D among them.
        assertEquals(List.of(B, C, D, E), ids(quota.recommend(List.of(new UserPlay(A, 3), new UserPlay(D, 0)), 4)));
    }

    @Test
    void nMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Recommender.of(Mode.QUOTA, model(5)).recommend(List.of(), 0));
    }

    @Test
    void popularModeSkipsPlayedArtists() {
        List<Recommendation> recs = Recommender.of(Mode.POPULAR, model(5)).recommend(List.of(new UserPlay(B, 1)), 3);
        assertEquals(List.of(A, C, D), ids(recs));
        assertEquals(6 / 6.0, recs.get(0).score(), 1e-9);
    }
}
