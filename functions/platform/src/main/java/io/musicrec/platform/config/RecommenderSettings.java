package io.musicrec.platform.config;

import io.musicrec.engine.recommend.Mode;
import java.util.Objects;

/**
 * How the worker recommends.
 *
 * @param numberOfArtists how many artists per recalculation, {@value #MIN_ARTISTS}..{@value #MAX_ARTISTS}
 * @param mode            the engine's mode
 */
public record RecommenderSettings(int numberOfArtists, Mode mode) {

    /** The fewest artists a recalculation may ask for. */
    public static final int MIN_ARTISTS = 1;
    /** The most artists a recalculation may ask for (the same bound as the API's {@code n}). */
    public static final int MAX_ARTISTS = 500;
    /** How many when {@code NUMBER_OF_ARTISTS} is absent. */
    public static final int DEFAULT_ARTISTS = 100;
    /**
     * The mode when {@code RECOMMENDER_MODE} is absent: hybrid, the quotas and {@code because} of quota
     * mode with the user's folded-in preference choosing within each quota, which scores best on Last.fm
     * 2K (README, "The shipped model").
     */
    public static final Mode DEFAULT_MODE = Mode.HYBRID;

    /** Checks the range. */
    public RecommenderSettings {
        Objects.requireNonNull(mode, "mode");
        if (numberOfArtists < MIN_ARTISTS || numberOfArtists > MAX_ARTISTS) {
            throw new ConfigurationException(EnvironmentVariables.NUMBER_OF_ARTISTS,
                    "must be in " + MIN_ARTISTS + ".." + MAX_ARTISTS + ", got " + numberOfArtists);
        }
    }

    /** Reads {@code NUMBER_OF_ARTISTS} (default 100) and {@code RECOMMENDER_MODE} (default hybrid). */
    public static RecommenderSettings from(Environment environment) {
        int number = environment.integer(EnvironmentVariables.NUMBER_OF_ARTISTS, DEFAULT_ARTISTS, MIN_ARTISTS, MAX_ARTISTS);
        Mode mode = environment.optional(EnvironmentVariables.RECOMMENDER_MODE).map(text -> {
            try {
                return Mode.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(EnvironmentVariables.RECOMMENDER_MODE,
                        "must be quota, hybrid, fold-in or popular, got " + Environment.quote(text));
            }
        }).orElse(DEFAULT_MODE);
        return new RecommenderSettings(number, mode);
    }
}
