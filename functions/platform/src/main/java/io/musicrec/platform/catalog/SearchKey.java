package io.musicrec.platform.catalog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * The form of a name that search compares: NFKC-normalised (full-width letters, ligatures and
 * composed/decomposed accents become one form) and case-folded. Done here rather than with SQL's
 * {@code lower()} or {@code ILIKE}, whose Unicode behaviour depends on the database's locale (under
 * the C locale they fold only ASCII), so the catalog stores each artist's key ({@code
 * artists.search_name}) and search folds the query the same way.
 */
public final class SearchKey {
    private SearchKey() {
    }

    /**
     * Folds {@code text}. Upper- then lower-casing approximates Unicode full case folding where a
     * plain {@code toLowerCase} does not: ß and SS meet as "ss"; final and medial sigma meet as σ.
     */
    public static String of(String text) {
        Objects.requireNonNull(text, "text");
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
        String folded = normalised.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)
                // toLowerCase writes a word-final sigma as ς; case folding has one σ, so "φοσ" finds "φος".
                .replace('ς', 'σ');
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** True when {@code text} can be sent to PostgreSQL as text: no NUL, no unpaired surrogate. */
    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} with LIKE's wildcards and its escape character escaped by a backslash. */
    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
