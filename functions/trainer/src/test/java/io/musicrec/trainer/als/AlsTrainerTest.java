package io.musicrec.trainer.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.Weighting;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlsTrainerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /**
     * Two groups that never overlap: users 1-6 play artists 1-4, users 7-12 play artists 5-8. Every
     * factorisation that fits this data puts the two blocks in different directions, so an artist's
     * nearest neighbours are its own block and a user's recommendations come from their own block.
     */
    private static PlayMatrix twoBlocks() {
        PlayMatrix.Builder b = PlayMatrix.builder();
        for (int u = 1; u <= 12; u++) {
            int first = u <= 6 ? 1 : 5;
            for (int a = first; a < first + 4; a++) {
                if ((u + a) % 4 != 0) {
                    b.add(u, a, 1 + (u * a) % 7);
                }
            }
        }
        return b.build();
    }

    private static AlsOptions options() {
        return AlsOptions.defaults().withFactors(4).withIterations(12).withAlpha(2).withRegularization(0.1)
                .withWeighting(Weighting.LOG1P).withNeighbours(3).withNeighbourShrinkage(0).withThreads(2);
    }

    @Test
    void blocksThatNeverMeetEndUpApart() {
        Model model = new AlsTrainer(options(), CLOCK).train(twoBlocks(), Map.of(), "blocks", null).model();
        for (int a = 0; a < 8; a++) {
            int block = model.artists().id(a) <= 4 ? 0 : 1;
            for (int r = 0; r < 3; r++) {
                int neighbour = model.artists().id(model.neighbour(a, r));
                assertEquals(block, neighbour <= 4 ? 0 : 1, "neighbour " + r + " of artist " + model.artists().id(a));
            }
        }
        for (Mode mode : List.of(Mode.FOLD_IN, Mode.QUOTA, Mode.HYBRID)) {
            List<Recommendation> recs = Recommender.of(mode, model).recommend(List.of(new UserPlay(1, 5), new UserPlay(2, 3)), 2);
            for (Recommendation r : recs) {
                assertTrue(r.artistId() == 3 || r.artistId() == 4, mode + " recommended " + r.artistId());
            }
        }
    }

    @Test
    void exactSolverNeverIncreasesTheLoss() {
        List<Double> losses = new ArrayList<>();
        new AlsTrainer(options().withSolver(Solver.CHOLESKY).withIterations(8), CLOCK)
                .train(twoBlocks(), Map.of(), "exact", it -> losses.add(it.loss()));
        assertEquals(8, losses.size());
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) <= losses.get(i - 1) * (1 + 1e-6), "loss rose at iteration " + (i + 1) + ": " + losses);
        }
        assertTrue(losses.get(losses.size() - 1) < losses.get(0));
    }

    @Test
    void conjugateGradientReachesTheExactSolution() {
        AlsOptions exact = options().withSolver(Solver.CHOLESKY).withIterations(10);
        AlsOptions cg = options().withSolver(Solver.CG).withCgSteps(20).withIterations(10);
        float[] a = new AlsTrainer(exact, CLOCK).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        float[] b = new AlsTrainer(cg, CLOCK).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 2e-3, "factor " + i);
        }
    }

    @Test
    void sameSeedGivesIdenticalFactorsWhateverTheThreadCount() {
        AlsOptions o = options().withIterations(5);
        float[] one = new AlsTrainer(o.withThreads(1), CLOCK).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        float[] again = new AlsTrainer(o.withThreads(1), CLOCK).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        float[] two = new AlsTrainer(o.withThreads(2), CLOCK).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        float[] otherSeed = new AlsTrainer(o.withSeed(7), CLOCK).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        assertArrayEquals(one, again);
        assertArrayEquals(one, two);
        assertTrue(!java.util.Arrays.equals(one, otherSeed));
    }

    @Test
    void vectorAndScalarKernelsAgree() {
        // 16 factors so the vector path runs full lanes; CG run to convergence, so only summation
        // order differs (a few unconverged steps would amplify rounding into visible differences).
        AlsOptions o = options().withFactors(16).withCgSteps(40).withIterations(3);
        float[] scalar = new AlsTrainer(o, CLOCK, Kernels.scalar()).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        float[] best = new AlsTrainer(o, CLOCK, Kernels.best()).train(twoBlocks(), Map.of(), "x", null).model().itemFactors();
        for (int i = 0; i < scalar.length; i++) {
            // Only summation order differs; a wrong kernel would be off by whole units.
            assertEquals(scalar[i], best[i], 1e-3 * Math.max(1, Math.abs(scalar[i])), "factor " + i);
        }
    }

    @Test
    void modelRecordsCountsDigestAndSettings() {
        PlayMatrix plays = twoBlocks();
        Model model = new AlsTrainer(options(), CLOCK).train(plays, Map.of(3, "Three"), "m1", null).model();
        assertEquals("m1", model.id());
        assertEquals(plays.digest(), model.info().trainingData().digest());
        assertEquals(12, model.info().trainingData().users());
        assertEquals(8, model.size());
        assertEquals(plays.nonZeros(), model.info().trainingData().nonZeros());
        assertEquals("Three", model.artists().name(model.artists().indexOf(3)));
        assertEquals("", model.artists().name(model.artists().indexOf(4)));
        assertEquals(CLOCK.instant(), model.info().createdAt());
        assertEquals(4, model.info().hyperparameters().factors());
    }
}
