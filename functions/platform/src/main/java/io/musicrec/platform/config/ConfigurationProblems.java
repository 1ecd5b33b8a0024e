package io.musicrec.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a function's settings part by part ({@link #read}, then {@link #throwIfAny}) and reports
 * every problem at once, so a cold start with three bad variables names all three.
 */
public final class ConfigurationProblems {

    private final String owner;
    private final List<ConfigurationException> problems = new ArrayList<>();

    /** @param owner whose configuration it is, for the message, e.g. {@code the API function} */
    public ConfigurationProblems(String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** What {@code reader} returns, or null after noting its {@link ConfigurationException}. */
    public <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigurationException e) {
            problems.add(e);
            return null;
        }
    }

    /**
     * @throws ConfigurationException the one problem, when there was one; when there were several,
     *                                one naming them all ({@link ConfigurationException#variables()})
     */
    public void throwIfAny() {
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            throw ConfigurationException.all(owner, problems);
        }
    }
}
