package io.musicrec.trainer.als;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.ArtistIndex;
import io.musicrec.engine.model.Confidence;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.ModelInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import smile.math.blas.UPLO;
import smile.math.matrix.Matrix;

/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky 2008) over a user x artist play matrix. With
 * preference p = 1 for every played artist and confidence c = 1 + alpha f(plays), each half-step
 * solves, for every row u with the other side Y fixed,
 *
 * <pre>
 *   (YᵀY + Yᵀ(Cu - I)Y + λI) x_u = YᵀCu p(u)
 * </pre>
 *
 * either with a few conjugate-gradient steps warm-started from the previous x_u, never forming the
 * matrix (the {@code implicit} library's approach: the played rows enter only through
 * {@code (c - 1)(y·p) y}), or exactly, by Cholesky through Smile (LAPACK).
 * Factors are float32; rows are independent within a half-step, so the result depends on the seed
 * alone, not on thread scheduling.
 */
public final class AlsTrainer {
    /** Rows per unit of parallel work: small enough to balance heavy-tailed rows on two cores. */
    private static final int CHUNK = 256;
    private static final float INIT_SCALE = 0.01f;

    /**
     * One iteration's report: its number (from 1), wall seconds, CPU seconds of the training
     * threads (all of them together; -1 if unknown) and the training loss.
     */
    public record Iteration(int iteration, double seconds, double cpuSeconds, double loss) {
    }

    /** What training produced, with the timings the benchmarks quote. */
    public record Result(Model model, float[] userFactors, List<Iteration> iterations, double solveSeconds,
                         double neighbourSeconds, String kernels) {
        public double secondsPerIteration() {
            return iterations.isEmpty() ? 0 : solveSeconds / iterations.size();
        }
    }

    /** Receives each iteration as it finishes (the CLI prints it on stderr). */
    @FunctionalInterface
    public interface Progress {
        void iteration(Iteration it);
    }

    private final AlsOptions options;
    private final Clock clock;
    private final Kernels kernels;

    public AlsTrainer(AlsOptions options, Clock clock) {
        this(options, clock, Kernels.best());
    }

    AlsTrainer(AlsOptions options, Clock clock, Kernels kernels) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kernels = kernels;
    }

    /** The name of the vector kernels in use ("scalar" or "vector-512bit", say). */
    public String kernels() {
        return kernels.name();
    }

    /**
     * Trains on {@code plays} (users x artists).
     *
     * @param names artist id to name; artists without one get an empty name
     * @param modelId the id to record in the model
     */
    public Result train(PlayMatrix plays, Map<Integer, String> names, String modelId, Progress progress) {
        if (plays.nonZeros() == 0) {
            throw new IllegalArgumentException("no plays to train on");
        }
        int k = options.factors();
        int users = plays.rows();
        int items = plays.columns();
        PlayMatrix byArtist = plays.transpose();
        long[] artistPlays = plays.columnSums();
        Confidence confidence = Confidence.of(options.weighting(), options.alpha(), options.bm25K1(), options.bm25B(), artistPlays);

        float[] userConf = new float[plays.nonZeros()];
        for (int u = 0; u < users; u++) {
            int len = plays.rowLength(u);
            for (int e = plays.rowStart(u); e < plays.rowStart(u + 1); e++) {
                userConf[e] = confidence.confidence(plays.column(e), plays.plays(e), len);
            }
        }
        float[] itemConf = new float[byArtist.nonZeros()];
        for (int a = 0; a < items; a++) {
            for (int e = byArtist.rowStart(a); e < byArtist.rowStart(a + 1); e++) {
                int u = byArtist.column(e);
                itemConf[e] = confidence.confidence(a, byArtist.plays(e), plays.rowLength(u));
            }
        }

        SplittableRandom rng = new SplittableRandom(options.seed());
        float[] x = new float[users * k];
        float[] y = new float[items * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble() * INIT_SCALE;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextDouble() * INIT_SCALE;
        }

        List<Iteration> log = new ArrayList<>();
        double solveSeconds = 0;
        double[] yty;
        try (Parallel parallel = new Parallel(options.threads())) {
            yty = Gramian.of(parallel, kernels, y, items, k);
            for (int it = 1; it <= options.iterations(); it++) {
                long start = System.nanoTime();
                double cpuStart = parallel.cpuSeconds();
                solveSide(parallel, x, plays, userConf, y, yty);
                double[] xtx = Gramian.of(parallel, kernels, x, users, k);
                solveSide(parallel, y, byArtist, itemConf, x, xtx);
                yty = Gramian.of(parallel, kernels, y, items, k);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = cpuStart < 0 ? -1 : parallel.cpuSeconds() - cpuStart;
                solveSeconds += seconds;
                double loss = loss(parallel, x, y, yty, plays, userConf);
                Iteration done = new Iteration(it, seconds, cpu, loss);
                log.add(done);
                if (progress != null) {
                    progress.iteration(done);
                }
            }
            long nStart = System.nanoTime();
            int[] listeners = plays.columnCounts();
            Neighbours neighbours = Neighbours.compute(parallel, kernels, y, items, k, options.neighbours(),
                    Model.significance(listeners, options.neighbourShrinkage()));
            double neighbourSeconds = (System.nanoTime() - nStart) / 1e9;

            int[] ids = new int[items];
            String[] artistNames = new String[items];
            for (int a = 0; a < items; a++) {
                ids[a] = plays.columnId(a);
                String name = names.get(ids[a]);
                artistNames[a] = name == null ? "" : name;
            }
            ModelInfo info = new ModelInfo(modelId, clock.instant(), options.toHyperparameters(),
                    new ModelInfo.TrainingData(plays.digest(), users, items, plays.nonZeros()), Map.of());
            Model model = new Model(info, new ArtistIndex(ids, artistNames), y, yty, options.neighbours(),
                    neighbours.index(), neighbours.similarity(), listeners, artistPlays);
            return new Result(model, x, log, solveSeconds, neighbourSeconds, kernels.name());
        }
    }

    /**
     * The same model with its neighbour table recomputed for another list length or shrinkage
     * (the factors are untouched), so a grid over the shrinkage needs no retraining.
     */
    public static Model withNeighbours(Model model, int neighbours, double shrinkage, int threads) {
        int n = model.size();
        int k = model.factors();
        int[] listeners = new int[n];
        long[] plays = new long[n];
        for (int i = 0; i < n; i++) {
            listeners[i] = model.listeners(i);
            plays[i] = model.artistPlays(i);
        }
        float[] y = model.itemFactors();
        Neighbours table;
        try (Parallel parallel = new Parallel(threads)) {
            table = Neighbours.compute(parallel, Kernels.best(), y, n, k, neighbours, Model.significance(listeners, shrinkage));
        }
        io.musicrec.engine.model.Hyperparameters h = model.info().hyperparameters();
        io.musicrec.engine.model.Hyperparameters changed = new io.musicrec.engine.model.Hyperparameters(h.factors(),
                h.regularization(), h.alpha(), h.weighting(), h.bm25K1(), h.bm25B(), h.iterations(), h.seed(), h.threads(),
                h.solver(), h.cgSteps(), shrinkage);
        ModelInfo info = new ModelInfo(model.id(), model.info().createdAt(), changed, model.info().trainingData(),
                model.info().evaluation());
        return new Model(info, model.artists(), y, model.gramian(), neighbours, table.index(), table.similarity(), listeners, plays);
    }

    /** Per-thread buffers for one row's solve. */
    private static final class Scratch {
        final float[] r;
        final float[] p;
        final float[] ap;
        final double[] a;
        final double[] b;

        final float[] x;
        int[] offsets = new int[64];
        float[] u = new float[64];
        float[] v = new float[64];
        float[] w = new float[64];
        float[] zero = new float[64];
        float[] dots = new float[64];

        Scratch(int k) {
            r = new float[k];
            p = new float[k];
            ap = new float[k];
            x = new float[k];
            a = new double[k * k];
            b = new double[k];
        }

        /** Room for a row of m played items. */
        void ensure(int m) {
            if (offsets.length < m) {
                int n = Math.max(m, offsets.length * 2);
                offsets = new int[n];
                u = new float[n];
                v = new float[n];
                w = new float[n];
                zero = new float[n];
                dots = new float[n];
            }
        }
    }

    /** Solves every row of {@code target} against the fixed side {@code fixed} with Gramian {@code gram}. */
    private void solveSide(Parallel parallel, float[] target, PlayMatrix rows, float[] conf, float[] fixed, double[] gram) {
        int k = options.factors();
        float lambda = (float) options.regularization();
        float[] g = new float[k * k];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) gram[i];
        }
        for (int f = 0; f < k; f++) {
            g[f * k + f] += lambda;
        }
        parallel.forEachChunk(rows.rows(), CHUNK, () -> new Scratch(k), (chunk, from, to, s) -> {
            for (int u = from; u < to; u++) {
                if (options.solver() == Solver.CG) {
                    conjugateGradient(u, target, rows, conf, fixed, g, s);
                } else {
                    cholesky(u, target, rows, conf, fixed, gram, s);
                }
            }
        });
    }

    /**
     * The {@code implicit} library's CG step for one row: r = b - A x, then a few CG iterations,
     * where A p = (YᵀY + λI) p + Σ (c - 1)(y·p) y over the row's played items.
     */
    private void conjugateGradient(int u, float[] target, PlayMatrix rows, float[] conf, float[] fixed, float[] g, Scratch s) {
        int k = options.factors();
        int xo = u * k;
        float[] r = s.r;
        float[] p = s.p;
        float[] ap = s.ap;
        int start = rows.rowStart(u);
        int end = rows.rowStart(u + 1);

        int m = end - start;
        s.ensure(m);
        for (int j = 0; j < m; j++) {
            float c = conf[start + j];
            s.offsets[j] = rows.column(start + j) * k;
            s.u[j] = c;
            s.v[j] = 1f - c;
            s.w[j] = c - 1f;
        }
        // r = b - A x = -(G x) + Σ (c - (c - 1) y·x) y over the row's played items.
        System.arraycopy(target, xo, s.x, 0, k);
        kernels.gramPlusRankOne(-1f, g, s.x, fixed, s.offsets, s.u, s.v, m, s.dots, r, k);
        System.arraycopy(r, 0, p, 0, k);
        float rsOld = kernels.dot(r, 0, r, 0, k);
        if (rsOld < 1e-20f) {
            return;
        }
        for (int step = 0; step < options.cgSteps(); step++) {
            // A p = G p + Σ (c - 1)(y·p) y
            kernels.gramPlusRankOne(1f, g, p, fixed, s.offsets, s.zero, s.w, m, s.dots, ap, k);
            float pAp = kernels.dot(p, 0, ap, 0, k);
            if (!(pAp > 0)) {
                return;
            }
            float alpha = rsOld / pAp;
            kernels.axpy(alpha, p, 0, target, xo, k);
            kernels.axpy(-alpha, ap, 0, r, 0, k);
            float rsNew = kernels.dot(r, 0, r, 0, k);
            if (rsNew < 1e-20f) {
                return;
            }
            float beta = rsNew / rsOld;
            for (int f = 0; f < k; f++) {
                p[f] = r[f] + beta * p[f];
            }
            rsOld = rsNew;
        }
    }

    /** The exact solve: forms A and b for the row and factorises A with LAPACK through Smile. */
    private void cholesky(int u, float[] target, PlayMatrix rows, float[] conf, float[] fixed, double[] gram, Scratch s) {
        int k = options.factors();
        double[] a = s.a;
        double[] b = s.b;
        System.arraycopy(gram, 0, a, 0, k * k);
        java.util.Arrays.fill(b, 0);
        double lambda = options.regularization();
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        for (int e = rows.rowStart(u); e < rows.rowStart(u + 1); e++) {
            int yo = rows.column(e) * k;
            double c = conf[e];
            double extra = c - 1.0;
            for (int r = 0; r < k; r++) {
                double yr = fixed[yo + r];
                b[r] += c * yr;
                double w = extra * yr;
                int ar = r * k;
                for (int col = 0; col <= r; col++) {
                    a[ar + col] += w * fixed[yo + col];
                }
            }
        }
        for (int r = 0; r < k; r++) {
            for (int col = r + 1; col < k; col++) {
                a[r * k + col] = a[col * k + r];
            }
        }
        Matrix m = new Matrix(k, k, k, a.clone());
        m.uplo(UPLO.LOWER);
        double[] solution = m.cholesky(true).solve(b);
        for (int f = 0; f < k; f++) {
            target[u * k + f] = (float) solution[f];
        }
    }

    /**
     * The implicit-ALS objective, normalised as {@code implicit} does by the number of terms:
     * Σ_u [x_uᵀ YᵀY x_u + Σ_played (c (1 - d)² - d²)] + λ (|X|² + |Y|²), d = x_u · y_i.
     */
    private double loss(Parallel parallel, float[] x, float[] y, double[] yty, PlayMatrix plays, float[] conf) {
        int k = options.factors();
        int chunks = Parallel.chunks(plays.rows(), CHUNK);
        double[] partial = new double[chunks];
        double[] confidenceSum = new double[chunks];
        float[] g = new float[k * k];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) yty[i];
        }
        parallel.forEachChunk(plays.rows(), CHUNK, () -> new float[k], (chunk, from, to, gx) -> {
            double sum = 0;
            double cs = 0;
            for (int u = from; u < to; u++) {
                int xo = u * k;
                java.util.Arrays.fill(gx, 0f);
                for (int f = 0; f < k; f++) {
                    kernels.axpy(x[xo + f], g, f * k, gx, 0, k);
                }
                double quad = kernels.dot(gx, 0, x, xo, k);
                double norm = kernels.dot(x, xo, x, xo, k);
                sum += quad + options.regularization() * norm;
                for (int e = plays.rowStart(u); e < plays.rowStart(u + 1); e++) {
                    double d = kernels.dot(y, plays.column(e) * k, x, xo, k);
                    double c = conf[e];
                    sum += c * (1 - d) * (1 - d) - d * d;
                    cs += c;
                }
            }
            partial[chunk] = sum;
            confidenceSum[chunk] = cs;
        });
        double total = 0;
        double totalConfidence = 0;
        for (int c = 0; c < chunks; c++) {
            total += partial[c];
            totalConfidence += confidenceSum[c];
        }
        double itemNorm = 0;
        for (float v : y) {
            itemNorm += (double) v * v;
        }
        total += options.regularization() * itemNorm;
        double terms = totalConfidence + (double) plays.rows() * plays.columns() - plays.nonZeros();
        return total / terms;
    }
}
