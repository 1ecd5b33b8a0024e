package io.musicrec.engine.recommend;

import java.util.Locale;

/** The ways the engine can recommend. */
public enum Mode {
    /** The founding design: each played artist gets a share of N, filled with its most similar artists. */
    QUOTA("quota"),
    /** The same quotas and {@code because}, each seed's similar artists ordered by the folded-in user vector. */
    HYBRID("hybrid"),
    /** Fold the user into the model and rank every artist by predicted preference. */
    FOLD_IN("fold-in"),
    /** Most listened-to artists first. */
    POPULAR("popular");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Mode parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Mode m : values()) {
            if (m.label.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "' (expected quota, hybrid, fold-in or popular)");
    }

    @Override
    public String toString() {
        return label;
    }
}
