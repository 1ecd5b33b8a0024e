package io.musicrec.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.deploy.CfnYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's training state machine, read from {@code template.yaml} and run the way Step
 * Functions runs it, for the few constructs it uses: a state's {@code Parameters} and {@code
 * ResultSelector} with {@code .$} keys holding {@code $.a.b}, {@code $$.Execution.Name}, {@code
 * States.Array}, {@code States.Format} and {@code States.StringToJson}. Anything else is an error, so
 * the test cannot pass over a construct it does not understand.
 */
final class TrainingStateMachine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL = Pattern.compile("States\\.(\\w+)\\((.*)\\)");

    private final Map<String, Object> definition;
    private final String executionName;

    private TrainingStateMachine(Map<String, Object> definition, String executionName) {
        this.definition = definition;
        this.executionName = executionName;
    }

    /** The definition of {@code SparkTrainingStateMachine}, for one execution named {@code executionName}. */
    static TrainingStateMachine load(String executionName) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        Map<String, Object> resources = map(CfnYaml.load(root.resolve("template.yaml")).get("Resources"));
        Map<String, Object> properties = map(map(resources.get("SparkTrainingStateMachine")).get("Properties"));
        return new TrainingStateMachine(map(properties.get("Definition")), executionName);
    }

    /** The state names from StartAt, following Next to the End. */
    List<String> path() {
        List<String> names = new ArrayList<>();
        String name = (String) definition.get("StartAt");
        while (name != null) {
            if (names.contains(name) || names.size() > 20) {
                throw new IllegalStateException("a loop at " + name);
            }
            names.add(name);
            Map<String, Object> state = state(name);
            name = Boolean.TRUE.equals(state.get("End")) ? null : (String) state.get("Next");
        }
        return names;
    }

    Map<String, Object> state(String name) {
        Object state = map(definition.get("States")).get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state " + name);
        }
        return map(state);
    }

    /** The state's Parameters, evaluated against its input. */
    Map<String, Object> parameters(String name, Object input) {
        return map(evaluate(state(name).get("Parameters"), input));
    }

    /** The state's ResultSelector applied to its task's result. */
    Map<String, Object> select(String name, Object result) {
        return map(evaluate(state(name).get("ResultSelector"), result));
    }

    private Object evaluate(Object template, Object input) {
        if (template instanceof Map<?, ?> fields) {
            Map<String, Object> out = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.endsWith(".$")) {
                    out.put(key.substring(0, key.length() - 2), expression(String.valueOf(v), input));
                } else {
                    out.put(key, evaluate(v, input));
                }
            });
            return out;
        }
        if (template instanceof List<?> items) {
            return items.stream().map(item -> evaluate(item, input)).toList();
        }
        return template;
    }

    private Object expression(String text, Object input) {
        String expression = text.trim();
        if (expression.equals("$$.Execution.Name")) {
            return executionName;
        }
        if (expression.startsWith("$.")) {
            Object value = input;
            for (String field : expression.substring(2).split("\\.")) {
                if (!(value instanceof Map<?, ?> fields) || !fields.containsKey(field)) {
                    throw new IllegalArgumentException(expression + ": no field " + field + " in " + value);
                }
                value = fields.get(field);
            }
            return value;
        }
        if (expression.startsWith("'") && expression.endsWith("'")) {
            return expression.substring(1, expression.length() - 1);
        }
        Matcher call = CALL.matcher(expression);
        if (!call.matches()) {
            throw new IllegalArgumentException("not understood: " + expression);
        }
        List<Object> arguments = arguments(call.group(2)).stream().map(a -> expression(a, input)).toList();
        return switch (call.group(1)) {
            case "Array" -> arguments;
            case "Format" -> {
                String format = String.valueOf(arguments.get(0));
                for (Object argument : arguments.subList(1, arguments.size())) {
                    format = format.replaceFirst("\\{}", Matcher.quoteReplacement(String.valueOf(argument)));
                }
                yield format;
            }
            case "StringToJson" -> {
                try {
                    yield JSON.readValue(String.valueOf(arguments.get(0)), Object.class);
                } catch (IOException e) {
                    throw new IllegalArgumentException("States.StringToJson of " + arguments.get(0), e);
                }
            }
            default -> throw new IllegalArgumentException("not understood: States." + call.group(1));
        };
    }

    /** Splits a call's arguments at top-level commas, outside quotes. */
    private static List<String> arguments(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }
}
