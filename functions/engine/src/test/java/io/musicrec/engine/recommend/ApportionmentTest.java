package io.musicrec.engine.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApportionmentTest {

    @Test
    void exactSharesNeedNoRemainder() {
        // 6/10, 3/10, 1/10 of 10 slots: INT() drops nothing.
        assertArrayEquals(new int[] {6, 3, 1}, Apportionment.largestRemainder(new long[] {6, 3, 1}, new int[] {1, 2, 3}, 10));
    }

    @Test
    void truncatedSlotsGoToTheLargestRemainder() {
        // 5:3:2 of 4 slots = 2.0, 1.2, 0.8: INT() gives 2+1+0 = 3; the spare slot goes to the 0.8.
        assertArrayEquals(new int[] {2, 1, 1}, Apportionment.largestRemainder(new long[] {5, 3, 2}, new int[] {1, 2, 3}, 4));
    }

    @Test
    void equalRemaindersFavourMorePlays() {
        // 3:1:2 of 3 slots = 1.5, 0.5, 1.0: INT() gives 1+0+1; 0.5 ties 0.5, the 3-play artist wins.
        assertArrayEquals(new int[] {2, 0, 1}, Apportionment.largestRemainder(new long[] {3, 1, 2}, new int[] {7, 8, 9}, 3));
    }

    @Test
    void equalRemaindersAndPlaysFavourTheLowerArtistId() {
        // Three equal artists, 10 slots: 3 each and one spare, to artist id 10 (lowest), wherever it sits.
        assertArrayEquals(new int[] {3, 4, 3}, Apportionment.largestRemainder(new long[] {1, 1, 1}, new int[] {30, 10, 20}, 10));
    }

    @Test
    void moreArtistsThanSlotsLeavesSomeWithNone() {
        long[] plays = new long[12];
        int[] ids = new int[12];
        for (int i = 0; i < 12; i++) {
            plays[i] = 1;
            ids[i] = 12 - i;
        }
        int[] slots = Apportionment.largestRemainder(plays, ids, 10);
        // Ids 1..10 (positions 11 down to 2) get one each; ids 11 and 12 (positions 1 and 0) get none.
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, slots);
    }

    @Test
    void slotsAlwaysAddUpToN() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 2000; trial++) {
            int count = 1 + rng.nextInt(60);
            long[] plays = new long[count];
            int[] ids = new int[count];
            for (int i = 0; i < count; i++) {
                plays[i] = 1 + (rng.nextInt(4) == 0 ? rng.nextInt(1_000_000) : rng.nextInt(50));
                ids[i] = i + 1;
            }
            int n = rng.nextInt(501);
            int[] slots = Apportionment.largestRemainder(plays, ids, n);
            long total = 0;
            long sum = 0;
            for (long p : plays) {
                total += p;
            }
            for (int i = 0; i < count; i++) {
                sum += slots[i];
                double exact = plays[i] * (double) n / total;
                // Hamilton's method never moves an artist more than one slot from its exact share.
                assertEquals(exact, slots[i], 1.0 + 1e-9, "artist " + i + " in trial " + trial);
            }
            assertEquals(n, sum, "trial " + trial);
        }
    }

    @Test
    void refusesNonPositivePlays() {
        assertThrows(IllegalArgumentException.class, () -> Apportionment.largestRemainder(new long[] {0}, new int[] {1}, 3));
    }
}
