package io.musicrec.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntIntMapTest {

    @Test
    void keepsTheFirstValueForEachKeyAcrossGrowthLikeAHashMap() {
        IntIntMap map = new IntIntMap(2);
        Map<Integer, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            int key = random.nextInt(-5_000, 5_000);
            int value = random.nextInt(0, 1_000);
            assertEquals(expected.computeIfAbsent(key, k -> value), map.putIfAbsent(key, value), "key " + key);
        }
        assertEquals(expected.size(), map.size());
        for (int key = -5_001; key <= 5_001; key++) {
            assertEquals(expected.getOrDefault(key, -1), map.get(key), "key " + key);
        }
    }

    @Test
    void refusesTheReservedKeyAndNegativeValues() {
        IntIntMap map = new IntIntMap(4);
        assertThrows(IllegalArgumentException.class, () -> map.get(Integer.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> map.putIfAbsent(Integer.MIN_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> map.putIfAbsent(1, -1));
        assertEquals(0, map.size());
    }
}
