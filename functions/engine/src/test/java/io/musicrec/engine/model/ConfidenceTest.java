package io.musicrec.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfidenceTest {

    @Test
    void rawAndLog1pFollowTheirFormulas() {
        long[] plays = {10, 30};
        assertEquals(1 + 0.5 * 7, Confidence.of(Weighting.RAW, 0.5, 100, 0.8, plays).confidence(0, 7, 3), 1e-6);
        assertEquals(1 + 2 * Math.log1p(7), Confidence.of(Weighting.LOG1P, 2, 100, 0.8, plays).confidence(1, 7, 3), 1e-5);
    }

    @Test
    void bm25NormalisesByArtistPlaysAndWeightsByUserBreadth() {
        // Two artists with 10 and 30 total plays (average 20): length norms 0.2 + 0.8 * 10/20 = 0.6 and 1.4.
        long[] plays = {10, 30};
        Confidence c = Confidence.of(Weighting.BM25, 1.0, 100, 0.8, plays);
        double idf = Math.log(2) - Math.log1p(1);
        assertEquals(5 * 101 / (100 * 0.6 + 5) * idf, c.weight(0, 5, 1), 1e-9);
        assertEquals(5 * 101 / (100 * 1.4 + 5) * idf, c.weight(1, 5, 1), 1e-9);
    }
}
