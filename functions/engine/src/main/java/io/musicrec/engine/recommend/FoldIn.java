package io.musicrec.engine.recommend;

import io.musicrec.engine.internal.DenseCholesky;
import io.musicrec.engine.model.Confidence;
import io.musicrec.engine.model.Model;

/**
 * A user folded into a fixed model: the least-squares user vector of implicit ALS solved against
 * the item factors, as the {@code implicit} library's {@code recalculate_user} does:
 *
 * <pre>
 *   W = YᵀY + Yᵀ(Cu - I)Y + λI        b = YᵀCu p(u)        x_u = W⁻¹ b
 * </pre>
 *
 * where only the user's played artists contribute to {@code Yᵀ(Cu - I)Y} and {@code b} (p = 1 for
 * them). Because {@code x_u} is linear in the seeds, a score splits into one contribution per seed,
 * {@code c_j (W⁻¹ y_i) · y_j}, which is how {@link #explain} names the artists behind an item.
 */
final class FoldIn {
    private final Model model;
    private final int k;
    private final float[] x;
    private final DenseCholesky w;
    private final float[] seedFactors;
    private final float[] seedConfidence;
    private final int[] seedIds;
    private float[] seedSolutions;

    private FoldIn(Model model, float[] x, DenseCholesky w, float[] seedFactors, float[] seedConfidence, int[] seedIds) {
        this.model = model;
        this.k = model.factors();
        this.x = x;
        this.w = w;
        this.seedFactors = seedFactors;
        this.seedConfidence = seedConfidence;
        this.seedIds = seedIds;
    }

    static FoldIn of(Model model, UserHistory history) {
        int k = model.factors();
        int m = history.seeds();
        Confidence confidence = model.confidence();
        double[] a = model.gramian();
        double lambda = model.regularization();
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        double[] b = new double[k];
        float[] ys = new float[m * k];
        float[] cs = new float[m];
        for (int j = 0; j < m; j++) {
            int item = history.seedIndex[j];
            model.copyFactors(item, ys, j * k);
            float c = confidence.confidence(item, history.seedPlays[j], m);
            cs[j] = c;
            int o = j * k;
            double extra = c - 1.0;
            for (int r = 0; r < k; r++) {
                double yr = ys[o + r];
                b[r] += c * yr;
                double s = extra * yr;
                for (int col = 0; col <= r; col++) {
                    a[r * k + col] += s * ys[o + col];
                }
            }
        }
        DenseCholesky chol = new DenseCholesky(a, k);
        chol.solveInPlace(b);
        float[] x = new float[k];
        for (int f = 0; f < k; f++) {
            x[f] = (float) b[f];
        }
        return new FoldIn(model, x, chol, ys, cs, history.seedId.clone());
    }

    /** The user's vector x_u. */
    float[] vector() {
        return x;
    }

    /** Each seed's share {@code c_j (W⁻¹ y_i) · y_j} of item {@code i}'s score; they sum to {@code y_i · x_u}. */
    double[] contributions(int i) {
        // W is symmetric, so (W⁻¹ y_i) · y_j = y_i · (W⁻¹ y_j): one solve per seed, done once per
        // user, then one dot per seed and item instead of a solve per item.
        float[] z = weightedSeedSolutions();
        float[] y = new float[k];
        model.copyFactors(i, y, 0);
        int m = seedConfidence.length;
        double[] contribution = new double[m];
        for (int j = 0; j < m; j++) {
            double d = 0;
            for (int f = 0, o = j * k; f < k; f++) {
                d += (double) y[f] * z[o + f];
            }
            contribution[j] = d;
        }
        return contribution;
    }

    /** {@code c_j W⁻¹ y_j} for every seed j, row-major, computed on first use. */
    private float[] weightedSeedSolutions() {
        if (seedSolutions == null) {
            int m = seedConfidence.length;
            float[] z = new float[m * k];
            double[] col = new double[k];
            for (int j = 0; j < m; j++) {
                for (int f = 0; f < k; f++) {
                    col[f] = seedFactors[j * k + f];
                }
                w.solveInPlace(col);
                for (int f = 0; f < k; f++) {
                    z[j * k + f] = (float) (seedConfidence[j] * col[f]);
                }
            }
            seedSolutions = z;
        }
        return seedSolutions;
    }

    /** Up to {@code max} seed artist ids with the largest positive contribution to item {@code i}'s score. */
    int[] explain(int i, int max) {
        double[] contribution = contributions(i);
        int m = contribution.length;
        int[] best = new int[Math.min(max, m)];
        int count = 0;
        boolean[] used = new boolean[m];
        for (int t = 0; t < best.length; t++) {
            int arg = -1;
            for (int j = 0; j < m; j++) {
                if (!used[j] && contribution[j] > 0 && (arg < 0 || contribution[j] > contribution[arg])) {
                    arg = j;
                }
            }
            if (arg < 0) {
                break;
            }
            used[arg] = true;
            best[count++] = seedIds[arg];
        }
        return java.util.Arrays.copyOf(best, count);
    }
}
