package io.musicrec.trainer.retrain;

import io.musicrec.engine.recommend.Mode;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.trainer.als.AlsOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a retraining run trains, gates and keeps models (the trainer function's own variables, named
 * here; the shared ones are in {@link EnvironmentVariables}). Must not miss: keep {@code splitSeed}
 * fixed, or successive models stop being comparable. Fewer than {@code minTestUsers} held-out users
 * and nothing is published; more than {@code maxTestUsers} and a stable sample is scored.
 */
public record RetrainingSettings(double holdoutShare, long splitSeed, Mode gateMode, double tolerance, int minTestUsers,
                                 int maxTestUsers, int keepVersions, Duration abandonAfter, AlsOptions als) {

    /** The cut-off of the gate's metric: NDCG@10. */
    public static final int K = 10;

    /** Share of pairs held out, (0, 0.5]; default {@value #DEFAULT_HOLDOUT_SHARE}. */
    public static final String RETRAIN_HOLDOUT_SHARE = "RETRAIN_HOLDOUT_SHARE";
    /** Seed of the hold-out draw; default {@value #DEFAULT_SPLIT_SEED}. */
    public static final String RETRAIN_SPLIT_SEED = "RETRAIN_SPLIT_SEED";
    /** The gate's mode (quota, hybrid, fold-in); default {@code RECOMMENDER_MODE}, the serving mode. */
    public static final String RETRAIN_GATE_MODE = "RETRAIN_GATE_MODE";
    /** How far below the current NDCG@10 a candidate may be and still be published; default {@value #DEFAULT_TOLERANCE}. */
    public static final String RETRAIN_NDCG_TOLERANCE = "RETRAIN_NDCG_TOLERANCE";
    /** The fewest hold-out users the gate judges on; default {@value #DEFAULT_MIN_TEST_USERS}. */
    public static final String RETRAIN_MIN_TEST_USERS = "RETRAIN_MIN_TEST_USERS";
    /** The most hold-out users scored (a stable sample beyond); default {@value #DEFAULT_MAX_TEST_USERS}. */
    public static final String RETRAIN_MAX_TEST_USERS = "RETRAIN_MAX_TEST_USERS";
    /** Complete model versions kept besides the current one, 1..1000; default {@value #DEFAULT_KEEP_VERSIONS}. */
    public static final String MODEL_KEEP_VERSIONS = "MODEL_KEEP_VERSIONS";
    /** ALS latent factors; default {@link AlsOptions#DEFAULT_FACTORS}. */
    public static final String RETRAIN_FACTORS = "RETRAIN_FACTORS";
    /** ALS iterations; default {@link AlsOptions#DEFAULT_ITERATIONS}. */
    public static final String RETRAIN_ITERATIONS = "RETRAIN_ITERATIONS";
    /** ALS regularisation; default {@link AlsOptions#DEFAULT_REGULARIZATION}. */
    public static final String RETRAIN_REGULARIZATION = "RETRAIN_REGULARIZATION";
    /** ALS confidence scale; default {@link AlsOptions#DEFAULT_ALPHA}. */
    public static final String RETRAIN_ALPHA = "RETRAIN_ALPHA";

    public static final double DEFAULT_HOLDOUT_SHARE = 0.1;
    public static final long DEFAULT_SPLIT_SEED = 1;
    public static final double DEFAULT_TOLERANCE = 0.005;
    public static final int DEFAULT_KEEP_VERSIONS = 5;
    /**
     * A fresh deployment with a handful of registered users and no base plays must not replace the
     * shipped model with one judged on a dozen users.
     */
    public static final int DEFAULT_MIN_TEST_USERS = 100;
    /** Scoring is users x catalog x factors; 20,000 users keep NDCG's standard error near 0.001. */
    public static final int DEFAULT_MAX_TEST_USERS = 20_000;
    /** A publish uploads a few megabytes in seconds; an hour-old incomplete version is abandoned. */
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofHours(1);

    /** Checks the ranges. */
    public RetrainingSettings {
        Objects.requireNonNull(gateMode, "gateMode");
        Objects.requireNonNull(abandonAfter, "abandonAfter");
        Objects.requireNonNull(als, "als");
        if (!(holdoutShare > 0 && holdoutShare <= 0.5)) {
            throw new IllegalArgumentException("holdout share must be in (0, 0.5], got " + holdoutShare);
        }
        if (gateMode == Mode.POPULAR) {
            throw new IllegalArgumentException("the gate cannot use mode popular: it does not use the trained factors");
        }
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1], got " + tolerance);
        }
        if (minTestUsers < 1) {
            throw new IllegalArgumentException("minTestUsers must be at least 1, got " + minTestUsers);
        }
        if (maxTestUsers < minTestUsers) {
            throw new IllegalArgumentException("maxTestUsers " + maxTestUsers + " is below minTestUsers " + minTestUsers);
        }
        if (keepVersions < 1) {
            throw new IllegalArgumentException("keepVersions must be at least 1, got " + keepVersions);
        }
    }

    /** The defaults: share 0.1, seed 1, the serving mode, tolerance 0.005, 100..20,000 test users, keep 5, default ALS. */
    public static RetrainingSettings defaults() {
        return new RetrainingSettings(DEFAULT_HOLDOUT_SHARE, DEFAULT_SPLIT_SEED, RecommenderSettings.DEFAULT_MODE,
                DEFAULT_TOLERANCE, DEFAULT_MIN_TEST_USERS, DEFAULT_MAX_TEST_USERS, DEFAULT_KEEP_VERSIONS, DEFAULT_ABANDON_AFTER,
                AlsOptions.defaults());
    }

    /** Reads the variables above, {@code RECOMMENDER_MODE} (and {@code NUMBER_OF_ARTISTS}, validated with it). */
    public static RetrainingSettings from(Environment environment) {
        Mode serving = RecommenderSettings.from(environment).mode();
        Mode gate = environment.optional(RETRAIN_GATE_MODE).map(text -> {
            try {
                return Mode.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(RETRAIN_GATE_MODE, "must be quota, hybrid or fold-in, got '" + text + "'");
            }
        }).orElse(serving);
        if (gate == Mode.POPULAR) {
            throw new ConfigurationException(environment.optional(RETRAIN_GATE_MODE).isPresent() ? RETRAIN_GATE_MODE
                    : EnvironmentVariables.RECOMMENDER_MODE, "is popular, which does not use the trained model: set "
                    + RETRAIN_GATE_MODE + " to quota, hybrid or fold-in");
        }
        AlsOptions d = AlsOptions.defaults();
        AlsOptions als = d.withFactors(environment.integer(RETRAIN_FACTORS, d.factors(), 1, 1024))
                .withIterations(environment.integer(RETRAIN_ITERATIONS, d.iterations(), 1, 1000))
                .withRegularization(decimal(environment, RETRAIN_REGULARIZATION, d.regularization(), 0, 1e6))
                .withAlpha(decimal(environment, RETRAIN_ALPHA, d.alpha(), 1e-9, 1e6));
        double share = decimal(environment, RETRAIN_HOLDOUT_SHARE, DEFAULT_HOLDOUT_SHARE, 0.001, 0.5);
        long seed = environment.integer(RETRAIN_SPLIT_SEED, (int) DEFAULT_SPLIT_SEED, 0, Integer.MAX_VALUE);
        double tolerance = decimal(environment, RETRAIN_NDCG_TOLERANCE, DEFAULT_TOLERANCE, 0, 1);
        int minTestUsers = environment.integer(RETRAIN_MIN_TEST_USERS, DEFAULT_MIN_TEST_USERS, 1, Integer.MAX_VALUE);
        int maxTestUsers = environment.integer(RETRAIN_MAX_TEST_USERS, Math.max(DEFAULT_MAX_TEST_USERS, minTestUsers), minTestUsers,
                Integer.MAX_VALUE);
        int keep = environment.integer(MODEL_KEEP_VERSIONS, DEFAULT_KEEP_VERSIONS, 1, 1000);
        return new RetrainingSettings(share, seed, gate, tolerance, minTestUsers, maxTestUsers, keep, DEFAULT_ABANDON_AFTER, als);
    }

    private static double decimal(Environment environment, String name, double fallback, double min, double max) {
        Optional<String> value = environment.optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name, "must be a number in " + min + ".." + max + ", got '" + value.get() + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new ConfigurationException(name, "must be in " + min + ".." + max + ", got " + value.get());
        }
        return parsed;
    }

    /** The same with other ALS settings. */
    public RetrainingSettings withAls(AlsOptions options) {
        return new RetrainingSettings(holdoutShare, splitSeed, gateMode, tolerance, minTestUsers, maxTestUsers, keepVersions, abandonAfter, options);
    }

    /** The same with another tolerance. */
    public RetrainingSettings withTolerance(double value) {
        return new RetrainingSettings(holdoutShare, splitSeed, gateMode, value, minTestUsers, maxTestUsers, keepVersions, abandonAfter, als);
    }

    /** The same keeping another number of versions. */
    public RetrainingSettings withKeepVersions(int keep) {
        return new RetrainingSettings(holdoutShare, splitSeed, gateMode, tolerance, minTestUsers, maxTestUsers, keep, abandonAfter, als);
    }
}
