package io.musicrec.ids;

import java.util.Objects;

/**
 * The one rule for a user id, the JWT {@code sub}, checked by every layer that takes one: the HTTP
 * edge (a failing {@code sub} is a 401), the Redis key layout, the queue message, the play store.
 * Must not miss: it is what every store can hold as it is. Not blank; at most {@value #MAX_LENGTH}
 * code points, PostgreSQL's unit ({@code char_length}, which the users table's CHECK bounds), so an
 * emoji counts once, not as two UTF-16 units; no NUL, which PostgreSQL text cannot hold; well-formed
 * UTF-16, since a lone surrogate has no UTF-8 form and two ids would become one key.
 */
public final class UserId {

    /** The most code points a user id has: the users table's bound; OIDC issues at most 255 ASCII characters. */
    public static final int MAX_LENGTH = 255;

    private UserId() {
    }

    /** Whether {@code id} is a user id; null is not. */
    public static boolean isValid(String id) {
        return id != null && problem(id) == null;
    }

    /**
     * {@code id}, checked.
     *
     * @throws NullPointerException     for null
     * @throws IllegalArgumentException saying what is wrong (never repeating the id)
     */
    public static String check(String id) {
        String problem = problem(Objects.requireNonNull(id, "user id"));
        if (problem != null) {
            throw new IllegalArgumentException("user id " + problem);
        }
        return id;
    }

    private static String problem(String id) {
        if (id.isBlank()) {
            return "must not be blank";
        }
        int codePoints = 0;
        for (int i = 0; i < id.length(); i++, codePoints++) {
            char c = id.charAt(i);
            if (c == '\0') {
                return "must not contain NUL";
            }
            if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be well-formed Unicode (it has a lone surrogate)";
            }
        }
        if (codePoints > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters (code points), got " + codePoints;
        }
        return null;
    }
}
