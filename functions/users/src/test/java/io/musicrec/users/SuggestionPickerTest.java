package io.musicrec.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Weighted draws without replacement, on weights whose probabilities can be worked out by hand. */
class SuggestionPickerTest {

    private static int[] pick(long seed, int[] weights, int count) {
        return new SuggestionPicker(new SplittableRandom(seed)).pick(weights.length, i -> weights[i], count);
    }

    @Test
    void zeroWeightsAreNeverDrawn() {
        for (long seed = 0; seed < 50; seed++) {
            assertArrayEquals(new int[] {2}, pick(seed, new int[] {0, 0, 7, 0}, 1));
            int[] two = pick(seed, new int[] {0, 3, 0, 5}, 4);
            Arrays.sort(two);
            assertArrayEquals(new int[] {1, 3}, two, "only the two with weight, even when four are asked for");
        }
        assertArrayEquals(new int[0], pick(1, new int[] {0, 0}, 3));
        assertArrayEquals(new int[0], pick(1, new int[] {4, 5}, 0));
    }

    @Test
    void eachIndexAtMostOnce() {
        int[] drawn = pick(3, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 10);
        assertEquals(10, Arrays.stream(drawn).distinct().count());
    }

    @Test
    void firstDrawIsProportionalToWeight() {
        // Weights 1 and 3: the second comes first three times in four.
        SuggestionPicker picker = new SuggestionPicker(new SplittableRandom(11));
        int second = 0;
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            second += picker.pick(2, w -> w == 0 ? 1 : 3, 1)[0];
        }
        assertEquals(0.75, second / (double) draws, 0.01);
    }

    @Test
    void laterDrawsAreAmongTheItemsLeft() {
        // Weights 1, 1, 2, two draws. P(first = 0) = 1/4, then P(second = 1) = 1/3: P({0, 1}) = 2 * 1/12 = 1/6.
        // P(first = 2) = 1/2. P(order 2 then 0) = 1/2 * 1/2 = 1/4.
        SuggestionPicker picker = new SuggestionPicker(new SplittableRandom(5));
        int withoutTwo = 0;
        int twoThenZero = 0;
        int draws = 60_000;
        for (int i = 0; i < draws; i++) {
            int[] drawn = picker.pick(3, w -> w == 2 ? 2 : 1, 2);
            if (drawn[0] != 2 && drawn[1] != 2) {
                withoutTwo++;
            }
            if (drawn[0] == 2 && drawn[1] == 0) {
                twoThenZero++;
            }
        }
        assertEquals(1 / 6.0, withoutTwo / (double) draws, 0.01);
        assertEquals(1 / 4.0, twoThenZero / (double) draws, 0.01);
    }

    @Test
    void theSameSeedDrawsTheSameItems() {
        int[] weights = {5, 1, 9, 2, 7, 3, 3, 8, 1, 4};
        assertArrayEquals(pick(99, weights, 4), pick(99, weights, 4));
    }

    @Test
    void negativeWeightsAreABug() {
        assertThrows(IllegalArgumentException.class, () -> pick(1, new int[] {1, -1}, 1));
    }
}
