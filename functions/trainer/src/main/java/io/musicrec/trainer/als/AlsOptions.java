package io.musicrec.trainer.als;

import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Weighting;

/**
 * Training settings. The defaults are the ones chosen on a validation split of Last.fm 2K (see
 * model-artifacts/lastfm-2k/README.md for the grid).
 */
public record AlsOptions(
        int factors,
        double regularization,
        double alpha,
        Weighting weighting,
        double bm25K1,
        double bm25B,
        int iterations,
        long seed,
        int threads,
        Solver solver,
        int cgSteps,
        int neighbours,
        double neighbourShrinkage) {

    public static final int DEFAULT_FACTORS = 64;
    public static final double DEFAULT_REGULARIZATION = 20;
    public static final double DEFAULT_ALPHA = 0.0075;
    public static final Weighting DEFAULT_WEIGHTING = Weighting.BM25;
    public static final double DEFAULT_BM25_K1 = 100;
    public static final double DEFAULT_BM25_B = 0.8;
    public static final int DEFAULT_ITERATIONS = 15;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_CG_STEPS = 3;
    public static final int DEFAULT_NEIGHBOURS = 50;
    public static final double DEFAULT_NEIGHBOUR_SHRINKAGE = 5;

    public AlsOptions {
        if (factors < 1 || factors > 1024) {
            throw new IllegalArgumentException("factors must be 1..1024, got " + factors);
        }
        if (!(regularization >= 0) || Double.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be >= 0, got " + regularization);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
        if (weighting == null) {
            throw new IllegalArgumentException("weighting is required");
        }
        if (!(bm25K1 > 0) || !(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("bm25 needs k1 > 0 and 0 <= b <= 1, got k1=" + bm25K1 + " b=" + bm25B);
        }
        if (iterations < 1 || iterations > 1000) {
            throw new IllegalArgumentException("iterations must be 1..1000, got " + iterations);
        }
        if (threads < 1 || threads > 512) {
            throw new IllegalArgumentException("threads must be 1..512, got " + threads);
        }
        if (solver == null) {
            throw new IllegalArgumentException("solver is required");
        }
        if (cgSteps < 1 || cgSteps > 100) {
            throw new IllegalArgumentException("cg steps must be 1..100, got " + cgSteps);
        }
        if (neighbours < 0 || neighbours > 1000) {
            throw new IllegalArgumentException("neighbours must be 0..1000, got " + neighbours);
        }
        if (!(neighbourShrinkage >= 0) || Double.isInfinite(neighbourShrinkage)) {
            throw new IllegalArgumentException("neighbour shrinkage must be >= 0, got " + neighbourShrinkage);
        }
    }

    /** The defaults, with every core of this machine. */
    public static AlsOptions defaults() {
        return new AlsOptions(DEFAULT_FACTORS, DEFAULT_REGULARIZATION, DEFAULT_ALPHA, DEFAULT_WEIGHTING, DEFAULT_BM25_K1,
                DEFAULT_BM25_B, DEFAULT_ITERATIONS, DEFAULT_SEED, Runtime.getRuntime().availableProcessors(), Solver.CG,
                DEFAULT_CG_STEPS, DEFAULT_NEIGHBOURS, DEFAULT_NEIGHBOUR_SHRINKAGE);
    }

    public AlsOptions withFactors(int v) {
        return new AlsOptions(v, regularization, alpha, weighting, bm25K1, bm25B, iterations, seed, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withRegularization(double v) {
        return new AlsOptions(factors, v, alpha, weighting, bm25K1, bm25B, iterations, seed, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withAlpha(double v) {
        return new AlsOptions(factors, regularization, v, weighting, bm25K1, bm25B, iterations, seed, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withWeighting(Weighting v) {
        return new AlsOptions(factors, regularization, alpha, v, bm25K1, bm25B, iterations, seed, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withIterations(int v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, v, seed, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withSeed(long v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, iterations, v, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withThreads(int v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, iterations, seed, v, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withSolver(Solver v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, iterations, seed, threads, v, cgSteps, neighbours, neighbourShrinkage);
    }

    public AlsOptions withCgSteps(int v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, iterations, seed, threads, solver, v, neighbours, neighbourShrinkage);
    }

    public AlsOptions withNeighbours(int v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, iterations, seed, threads, solver, cgSteps, v, neighbourShrinkage);
    }

    public AlsOptions withNeighbourShrinkage(double v) {
        return new AlsOptions(factors, regularization, alpha, weighting, bm25K1, bm25B, iterations, seed, threads, solver, cgSteps, neighbours, v);
    }

    public AlsOptions withBm25(double k1, double b) {
        return new AlsOptions(factors, regularization, alpha, weighting, k1, b, iterations, seed, threads, solver, cgSteps, neighbours, neighbourShrinkage);
    }

    /** The manifest's record of these settings. */
    public Hyperparameters toHyperparameters() {
        return new Hyperparameters(factors, regularization, alpha, weighting.label(), bm25K1, bm25B, iterations, seed, threads,
                solver.label(), cgSteps, neighbourShrinkage);
    }
}
