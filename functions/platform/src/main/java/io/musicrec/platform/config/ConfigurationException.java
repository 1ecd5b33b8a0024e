package io.musicrec.platform.config;

import java.util.List;
import java.util.Objects;

/**
 * One or more missing or malformed environment variables. The message names each variable and what
 * was expected; it never repeats the value of a secret.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> variables;

    /**
     * @param variable the variable at fault, from {@link EnvironmentVariables}
     * @param problem  what is wrong, starting lower-case ("is missing", "must be ...")
     */
    public ConfigurationException(String variable, String problem) {
        super(Objects.requireNonNull(variable, "variable") + " " + Objects.requireNonNull(problem, "problem"));
        this.variables = List.of(variable);
    }

    private ConfigurationException(String message, List<String> variables) {
        super(message);
        this.variables = List.copyOf(variables);
    }

    /**
     * Several problems as one, each also suppressed in it.
     *
     * @param owner whose configuration it is, e.g. {@code the API function}
     */
    static ConfigurationException all(String owner, List<ConfigurationException> problems) {
        ConfigurationException all = new ConfigurationException(owner + "'s configuration has " + problems.size() + " problems: "
                + String.join("; ", problems.stream().map(Throwable::getMessage).toList()),
                problems.stream().flatMap(problem -> problem.variables().stream()).toList());
        problems.forEach(all::addSuppressed);
        return all;
    }

    /** The name of the variable at fault (the first, when there are several). */
    public String variable() {
        return variables.get(0);
    }

    /** The names of every variable at fault, in the order they were read. */
    public List<String> variables() {
        return variables;
    }
}
