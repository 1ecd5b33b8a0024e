package io.musicrec.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.engine.data.PlayMatrix;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void metricsMatchAHandComputedRanking() {
        // User 1 held out artists 1 and 2; the ranking is [1, 3, 2] at K = 3.
        PlayMatrix train = PlayMatrix.builder().add(1, 9, 1).build();
        PlayMatrix test = PlayMatrix.builder().add(1, 1, 1).add(1, 2, 1).build();
        Metrics m = new Evaluator(3, 1).evaluate("fixed", (user, plays, k) -> new int[] {1, 3, 2}, train, test, 10);
        assertEquals(2 / 3.0, m.precision(), 1e-12);
        assertEquals(1.0, m.recall(), 1e-12);
        double dcg = 1 + 1 / (Math.log(4) / Math.log(2));
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2));
        assertEquals(dcg / idcg, m.ndcg(), 1e-12);
        assertEquals((1 + 2 / 3.0) / 2, m.map(), 1e-12);
        assertEquals(1.0, m.hitRate(), 1e-12);
        assertEquals(3 / 10.0, m.coverage(), 1e-12);
    }

    @Test
    void usersAreAveragedAndAMissCountsAsZero() {
        PlayMatrix train = PlayMatrix.builder().add(1, 9, 1).add(2, 9, 1).build();
        PlayMatrix test = PlayMatrix.builder().add(1, 1, 1).add(2, 2, 1).build();
        Metrics m = new Evaluator(1, 2).evaluate("fixed", (user, plays, k) -> new int[] {1}, train, test, 5);
        assertEquals(2, m.users());
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(0.5, m.hitRate(), 1e-12);
        assertEquals(0.2, m.coverage(), 1e-12);
    }
}
