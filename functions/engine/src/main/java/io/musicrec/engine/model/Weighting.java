package io.musicrec.engine.model;

import java.util.Locale;

/** How raw play counts become the f(plays) in the confidence {@code c = 1 + alpha * f(plays)}. */
public enum Weighting {
    /** f = plays. */
    RAW("raw"),
    /** f = ln(1 + plays). */
    LOG1P("log1p"),
    /**
     * BM25 as the {@code implicit} library's Last.fm example applies {@code bm25_weight} to the
     * artist x user matrix: length normalisation per artist, inverse document frequency per user.
     */
    BM25("bm25");

    private final String label;

    Weighting(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Weighting parse(String text) {
        for (Weighting w : values()) {
            if (w.label.equals(text.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weighting '" + text + "' (expected raw, log1p or bm25)");
    }
}
