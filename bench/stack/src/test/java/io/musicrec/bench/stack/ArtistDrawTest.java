package io.musicrec.bench.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArtistDrawTest {

    @Test
    void drawsEachArtistInProportionToItsWeight() {
        ArtistDraw draw = ArtistDraw.of(new int[] {10, 20, 30}, new long[] {3, 2, 1});
        SplittableRandom random = new SplittableRandom(7);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            counts.merge(draw.next(random), 1, Integer::sum);
        }
        assertEquals(Set.of(10, 20, 30), counts.keySet());
        // Expected 30,000 / 20,000 / 10,000; each count's standard deviation is at most ~122.
        assertWithin(30_000, 600, counts.get(10));
        assertWithin(20_000, 600, counts.get(20));
        assertWithin(10_000, 600, counts.get(30));
    }

    @Test
    void theOnlyArtistIsAlwaysDrawn() {
        ArtistDraw draw = ArtistDraw.of(new int[] {42}, new long[] {5});
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertEquals(42, draw.next(random));
        }
    }

    @Test
    void refusesMissingOrNonPositiveWeights() {
        assertThrows(IllegalArgumentException.class, () -> ArtistDraw.of(new int[] {1, 2}, new long[] {1}));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ArtistDraw.of(new int[] {1, 2}, new long[] {1, 0}));
        assertTrue(zero.getMessage().contains("artist 2"), zero.getMessage());
    }

    private static void assertWithin(int expected, int tolerance, int actual) {
        assertTrue(Math.abs(actual - expected) <= tolerance, "expected " + expected + " ± " + tolerance + ", got " + actual);
    }
}
