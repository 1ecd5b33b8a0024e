package io.musicrec.engine.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.TinyModel;
import io.musicrec.engine.model.Weighting;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FoldInTest {

    private static Model model() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 25;
        int[] ids = new int[n];
        float[][] factors = new float[n][3];
        int[] listeners = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            for (int f = 0; f < 3; f++) {
                factors[i][f] = (float) rng.nextGaussian();
            }
            listeners[i] = 1 + i;
        }
        return TinyModel.of(ids, factors, listeners, 5, 0, 0.3, Weighting.LOG1P, 2.0);
    }

    /**
     * Solves (YᵀY + Yᵀ(C - I)Y + λI) x = YᵀC p by Gaussian elimination, written out separately from
     * the engine's Cholesky, and checks every fold-in score is y_i · x.
     */
    @Test
    void scoresAreTheLeastSquaresUserVectorAgainstTheItemFactors() {
        Model model = model();
        List<UserPlay> plays = List.of(new UserPlay(3, 40), new UserPlay(7, 5), new UserPlay(19, 1));
        int k = 3;
        double[][] w = new double[k][k + 1];
        double[] g = model.gramian();
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                w[r][c] = g[r * k + c] + (r == c ? model.regularization() : 0);
            }
        }
        float[] y = new float[k];
        for (UserPlay p : plays) {
            int i = model.artists().indexOf(p.artistId());
            double conf = 1 + 2.0 * Math.log1p(p.plays());
            model.copyFactors(i, y, 0);
            for (int r = 0; r < k; r++) {
                w[r][k] += conf * y[r];
                for (int c = 0; c < k; c++) {
                    w[r][c] += (conf - 1) * y[r] * y[c];
                }
            }
        }
        for (int col = 0; col < k; col++) {
            for (int r = col + 1; r < k; r++) {
                double f = w[r][col] / w[col][col];
                for (int c = col; c <= k; c++) {
                    w[r][c] -= f * w[col][c];
                }
            }
        }
        double[] x = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double s = w[r][k];
            for (int c = r + 1; c < k; c++) {
                s -= w[r][c] * x[c];
            }
            x[r] = s / w[r][r];
        }

        List<Recommendation> recs = Recommender.of(Mode.FOLD_IN, model).recommend(plays, 22);
        assertEquals(22, recs.size());
        for (Recommendation r : recs) {
            model.copyFactors(model.artists().indexOf(r.artistId()), y, 0);
            double expected = y[0] * x[0] + y[1] * x[1] + y[2] * x[2];
            assertEquals(expected, r.score(), 1e-4, "artist " + r.artistId());
        }
    }

    @Test
    void becauseNamesPlayedArtistsWithPositiveContributions() {
        Model model = model();
        List<UserPlay> plays = List.of(new UserPlay(3, 40), new UserPlay(7, 5), new UserPlay(19, 1), new UserPlay(22, 9));
        UserHistory history = UserHistory.of(plays, model);
        FoldIn fold = FoldIn.of(model, history);
        List<Recommendation> recs = Recommender.of(Mode.FOLD_IN, model).recommend(plays, 5);
        for (Recommendation r : recs) {
            assertTrue(r.because().size() <= FoldInRecommender.MAX_REASONS);
            int[] explained = fold.explain(model.artists().indexOf(r.artistId()), 4);
            // The listed reasons are the leading ones of the full, contribution-ordered explanation.
            for (int j = 0; j < r.because().size(); j++) {
                assertEquals(explained[j], r.because().get(j));
            }
        }
        // Contributions add up to the score: the linear split behind `because` is exact.
        for (Recommendation r : recs) {
            double sum = 0;
            for (double c : fold.contributions(model.artists().indexOf(r.artistId()))) {
                sum += c;
            }
            assertEquals(r.score(), sum, 1e-4);
        }
    }
}
