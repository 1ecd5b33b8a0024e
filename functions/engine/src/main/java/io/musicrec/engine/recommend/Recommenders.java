package io.musicrec.engine.recommend;

/** Checks shared by the recommenders. */
final class Recommenders {
    private Recommenders() {
    }

    static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }
}
