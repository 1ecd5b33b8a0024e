package io.musicrec.trainer.als;

import java.util.Locale;

/** How each row's least-squares problem is solved. */
public enum Solver {
    /** A few conjugate-gradient steps per row, warm-started from the previous iteration (as {@code implicit}). */
    CG("cg"),
    /** The exact normal-equation solve, Cholesky through Smile (LAPACK). */
    CHOLESKY("cholesky");

    private final String label;

    Solver(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Solver parse(String text) {
        for (Solver s : values()) {
            if (s.label.equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown solver '" + text + "' (expected cg or cholesky)");
    }
}
