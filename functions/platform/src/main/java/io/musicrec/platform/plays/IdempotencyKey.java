package io.musicrec.platform.plays;

import java.time.Duration;
import java.util.Optional;

/**
 * A client's key for one play (the {@code Idempotency-Key} header): the same user's key within
 * {@link #LIFETIME} names the same play. 1 to {@value #MAX_LENGTH} visible ASCII characters
 * other than {@code "}, {@code \} and {@code ,} (a comma is how API Gateway joins a header sent
 * twice); a UUID is the usual choice.
 *
 * @param value the key as the client sent it
 */
public record IdempotencyKey(String value) {

    /** The longest key (Stripe's limit). */
    public static final int MAX_LENGTH = 255;

    /** How long a key holds: a repeat after this is a new play. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** A key that {@link #problem} finds nothing wrong with. */
    public IdempotencyKey {
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** What is wrong with {@code value} as a key, in words; empty when it is a key. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("the key is empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("the key has " + value.length() + " characters; the most is " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\' || c == ',') {
                return Optional.of("the key holds " + (c < 0x21 || c > 0x7E ? String.format("U+%04X", (int) c) : "'" + c + "'")
                        + " at position " + (i + 1) + "; keys are visible ASCII without '\"', '\\' and ','");
            }
        }
        return Optional.empty();
    }
}
