package io.musicrec.platform.config;

import java.util.Objects;

/**
 * A missing or malformed environment variable. The message names the variable and what was
 * expected; it never repeats the value of a secret.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String variable;

    /**
     * @param variable the variable at fault, from {@link EnvironmentVariables}
     * @param problem  what is wrong, starting lower-case ("is missing", "must be ...")
     */
    public ConfigurationException(String variable, String problem) {
        super(Objects.requireNonNull(variable, "variable") + " " + Objects.requireNonNull(problem, "problem"));
        this.variable = variable;
    }

    /** The name of the variable at fault. */
    public String variable() {
        return variable;
    }
}
