package io.musicrec.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.engine.recommend.UserPlay;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactorRankerTest {
    // Rank 2. Artist scores for user 7 = (1, 2): 10 -> 1, 20 -> 2, 30 -> 3, 40 -> 2, 50 -> -1.
    private static final int[] ARTISTS = {10, 20, 30, 40, 50};
    private static final float[] ITEMS = {
        1, 0,
        0, 1,
        1, 1,
        2, 0,
        -1, 0,
    };
    private final FactorRanker ranker = new FactorRanker(2, ARTISTS, ITEMS, Map.of(7, new float[] {1, 2}));

    @Test
    void ranksByDotProductWithTiesToTheLowerArtistId() {
        assertArrayEquals(new int[] {30, 20, 40, 10, 50}, ranker.topK(7, List.of(), 5));
    }

    @Test
    void skipsTheUsersTrainingArtistsAndCutsAtK() {
        assertArrayEquals(new int[] {20, 40}, ranker.topK(7, List.of(new UserPlay(30, 4)), 2));
    }

    @Test
    void ignoresTrainingArtistsOutsideTheCatalog() {
        assertArrayEquals(new int[] {30, 20, 40}, ranker.topK(7, List.of(new UserPlay(99, 1)), 3));
    }

    @Test
    void returnsWhatIsLeftWhenTheCatalogIsSmallerThanK() {
        List<UserPlay> played = List.of(new UserPlay(10, 1), new UserPlay(20, 1), new UserPlay(30, 1));
        assertArrayEquals(new int[] {40, 50}, ranker.topK(7, played, 10));
    }

    @Test
    void aUserWithoutFactorsGetsNothing() {
        assertEquals(0, ranker.topK(8, List.of(), 10).length);
    }

    @Test
    void refusesFactorsOfTheWrongShape() {
        assertThrows(IllegalArgumentException.class, () -> new FactorRanker(2, ARTISTS, new float[9], Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new FactorRanker(2, new int[] {2, 1}, new float[4], Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new FactorRanker(2, ARTISTS, ITEMS, Map.of(1, new float[3])));
    }
}
