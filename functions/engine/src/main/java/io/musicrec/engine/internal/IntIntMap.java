package io.musicrec.engine.internal;

import java.util.Arrays;

/**
 * An open-addressing map from int keys to non-negative int values, without boxing: id to
 * dense-index lookups run once per play row, tens of millions of times on a large matrix.
 */
public final class IntIntMap {
    private static final int FREE = Integer.MIN_VALUE;

    private int[] keys;
    private int[] values;
    private int size;
    private int mask;

    public IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[capacity];
        values = new int[capacity];
        Arrays.fill(keys, FREE);
        mask = capacity - 1;
    }

    /** The value for {@code key}, or -1 when absent. */
    public int get(int key) {
        int slot = slotOf(key);
        return keys[slot] == key ? values[slot] : -1;
    }

    /** Stores {@code value} for {@code key} unless the key is present; returns the value now stored. */
    public int putIfAbsent(int key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be non-negative: " + value);
        }
        int slot = slotOf(key);
        if (keys[slot] == key) {
            return values[slot];
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    /** The slot holding {@code key}, or the free slot where it would go. */
    private int slotOf(int key) {
        if (key == FREE) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        int slot = mix(key) & mask;
        while (keys[slot] != key && keys[slot] != FREE) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    public int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
