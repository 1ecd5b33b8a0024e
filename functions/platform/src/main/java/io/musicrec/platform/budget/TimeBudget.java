package io.musicrec.platform.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One function's time budget: its Lambda timeout ({@value #VARIABLE}, which template.yaml sets to
 * the function's {@code Timeout}), divided into {@link #share}s that bound its clients' calls, every
 * attempt included, and {@link #spend}s in the order a request makes them. The rule: the worst cases
 * in sequence plus {@link #ANSWER_RESERVE} fit in the timeout, or {@link #spend} throws at cold start
 * and in the tests that build every function's budget from template.yaml.
 */
public final class TimeBudget {

    /** The function's timeout in whole seconds, as template.yaml sets it. */
    public static final String VARIABLE = "FUNCTION_TIMEOUT_SECONDS";
    /** Lambda's longest timeout. */
    public static final int MAX_SECONDS = 900;
    /** Left over after the calls: building and returning the answer, logging. */
    public static final Duration ANSWER_RESERVE = Duration.ofSeconds(1);

    /**
     * One call (or several alike) in a request's sequence.
     *
     * @param what  what it is, for messages
     * @param times how often a request makes it, at most
     * @param each  its worst case, every attempt and back-off included
     */
    public record Part(String what, int times, Duration each) {
        /** A name, a positive count and a positive duration. */
        public Part {
            Objects.requireNonNull(what, "what");
            if (times < 1) {
                throw new IllegalArgumentException("times must be >= 1, got " + times);
            }
            if (Objects.requireNonNull(each, "each").isNegative() || each.isZero()) {
                throw new IllegalArgumentException(what + ": a worst case must be positive, got " + each);
            }
        }

        /** {@code times} x {@code each}. */
        public Duration total() {
            return each.multipliedBy(times);
        }
    }

    private final String function;
    private final Duration timeout;
    private final List<Part> parts;

    private TimeBudget(String function, Duration timeout, List<Part> parts) {
        this.function = function;
        this.timeout = timeout;
        this.parts = List.copyOf(parts);
    }

    /**
     * An empty budget.
     *
     * @param function names the function in messages, e.g. "the API function"
     * @param timeout  its Lambda timeout: more than {@link #ANSWER_RESERVE}
     */
    public static TimeBudget of(String function, Duration timeout) {
        Objects.requireNonNull(function, "function");
        if (Objects.requireNonNull(timeout, "timeout").compareTo(ANSWER_RESERVE) <= 0) {
            throw new IllegalArgumentException(function + ": a timeout of " + seconds(timeout) + " leaves nothing beyond the "
                    + seconds(ANSWER_RESERVE) + " kept to answer");
        }
        return new TimeBudget(function, timeout, List.of());
    }

    /**
     * The timeout in {@value #VARIABLE}'s value.
     *
     * @param value    the variable's value, empty when unset or blank
     * @param fallback the function's own default
     * @throws IllegalArgumentException naming the variable, when it is not whole seconds in 2..900
     */
    public static Duration timeout(Optional<String> value, Duration fallback) {
        if (value.isEmpty() || value.get().isBlank()) {
            return Objects.requireNonNull(fallback, "fallback");
        }
        try {
            int parsed = Integer.parseInt(value.get().strip());
            if (parsed >= 2 && parsed <= MAX_SECONDS) {
                return Duration.ofSeconds(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(VARIABLE + " must be whole seconds in 2.." + MAX_SECONDS + " (the function's Timeout), got '"
                + value.get().strip() + "'");
    }

    /** A fraction of the timeout, to the millisecond: a call's bound. */
    public Duration share(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a share is a fraction in (0, 1), got " + fraction);
        }
        return Duration.ofMillis(Math.round(timeout.toMillis() * fraction));
    }

    /**
     * This budget with one more part in the request's sequence.
     *
     * @throws IllegalStateException when the parts and the answer reserve no longer fit in the timeout
     */
    public TimeBudget spend(String what, int times, Duration each) {
        List<Part> more = new ArrayList<>(parts);
        more.add(new Part(what, times, each));
        TimeBudget next = new TimeBudget(function, timeout, more);
        if (next.worstCase().compareTo(timeout) > 0) {
            throw new IllegalStateException(function + ": its calls at their worst do not fit in its timeout: " + next);
        }
        return next;
    }

    /** The parts in sequence plus the answer reserve: at most the timeout. */
    public Duration worstCase() {
        return parts.stream().map(Part::total).reduce(ANSWER_RESERVE, Duration::plus);
    }

    /** The function's timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** The parts, in a request's order. */
    public List<Part> parts() {
        return parts;
    }

    /** E.g. "timeout 10 s >= 8.5 s: the play 2.5 s + ... + answering 1 s". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("timeout " + seconds(timeout) + (worstCase().compareTo(timeout) <= 0 ? " >= " : " < ")
                + seconds(worstCase()) + ":");
        for (Part part : parts) {
            text.append(' ').append(part.what()).append(' ').append(part.times() == 1 ? "" : part.times() + " x ")
                    .append(seconds(part.each())).append(" +");
        }
        return text.append(" answering ").append(seconds(ANSWER_RESERVE)).toString();
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
