package io.musicrec.users;

import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Draws items at random without replacement, each draw proportional to weight (0 is never drawn), in
 * one pass with a heap of {@code count}: Efraimidis and Spirakis' A-ES, key {@code ln(u_i) / w_i},
 * largest keys first. Must not miss: the random source is replaced by {@link #reseed} after a
 * SnapStart restore, or every environment restored from one snapshot draws the same sequence. Draws
 * and reseeds are serialised, so one picker serves concurrent requests.
 */
public final class SuggestionPicker {

    private RandomGenerator random;

    /** @param random the source of randomness; a seeded one gives repeatable draws */
    public SuggestionPicker(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Draws from now on come from a {@link SplittableRandom} seeded with {@code seed}. */
    public synchronized void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    /**
     * Up to {@code count} distinct indexes in {@code 0..size-1}, in draw order; fewer only when
     * fewer than {@code count} items have a positive weight.
     *
     * @param size    how many items there are
     * @param weights the weight of each index, not negative
     * @param count   how many to draw, not negative
     */
    public synchronized int[] pick(int size, IntUnaryOperator weights, int count) {
        if (size < 0 || count < 0) {
            throw new IllegalArgumentException("size and count must not be negative, got " + size + " and " + count);
        }
        record Keyed(int index, double key) {
        }
        PriorityQueue<Keyed> best = new PriorityQueue<>(Math.max(1, count), (a, b) -> Double.compare(a.key, b.key));
        for (int i = 0; i < size && count > 0; i++) {
            int weight = weights.applyAsInt(i);
            if (weight < 0) {
                throw new IllegalArgumentException("weight of " + i + " is negative: " + weight);
            }
            if (weight == 0) {
                continue;
            }
            double key = Math.log(1.0 - random.nextDouble()) / weight;
            if (best.size() < count) {
                best.add(new Keyed(i, key));
            } else if (key > best.peek().key) {
                best.poll();
                best.add(new Keyed(i, key));
            }
        }
        int[] picked = new int[best.size()];
        for (int slot = picked.length - 1; slot >= 0; slot--) {
            picked[slot] = best.poll().index;
        }
        return picked;
    }
}
