package io.musicrec.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of one command, checked against the names the command accepts.
 * Every accessor names the option in its error, so a user knows what to fix.
 */
final class Args {
    private final String command;
    private final Map<String, String> values;

    private Args(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    static Args parse(String command, String[] argv, int from, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException(command + ": unexpected argument '" + a + "' (options look like --name value)");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= argv.length) {
                    throw new UsageException(command + ": option --" + name + " needs a value");
                }
                value = argv[++i];
            }
            if (!allowed.contains(name)) {
                throw new UsageException(command + ": unknown option --" + name + " (accepted: " + String.join(", ", allowed.stream().map(s -> "--" + s).toList()) + ")");
            }
            if (values.put(name, value) != null) {
                throw new UsageException(command + ": option --" + name + " given twice");
            }
        }
        return new Args(command, values);
    }

    /** These options minus {@code names} (the grid lists of {@code tune}, parsed separately). */
    Args without(Set<String> names) {
        Map<String, String> rest = new LinkedHashMap<>(values);
        rest.keySet().removeAll(names);
        return new Args(command, rest);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new UsageException(command + ": missing required option --" + name);
        }
        return v;
    }

    Path path(String name) {
        return Path.of(required(name));
    }

    int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    double decimal(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number, got '" + v + "'");
        }
    }
}
