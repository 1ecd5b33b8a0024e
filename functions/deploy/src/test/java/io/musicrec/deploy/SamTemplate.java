package io.musicrec.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SAM template (long-form intrinsics, see {@link CfnYaml}) with the questions the checks
 * ask of it: its functions (Globals merged in), their routes and environments, and every reference.
 */
final class SamTemplate {

    /** Pseudo parameters CloudFormation defines. */
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** {@code ${Name}} or {@code ${Name.Attribute}} in an Fn::Sub string; {@code ${!Literal}} is not a variable. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(?!!)([^}]+)}");
    /** A dynamic reference; resolved by CloudFormation after the intrinsics. */
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:[^}]+}}");

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    static SamTemplate load(Path file) throws IOException {
        return new SamTemplate(CfnYaml.load(file));
    }

    static SamTemplate of(Map<String, Object> root) {
        return new SamTemplate(root);
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, Map.of()));
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** Logical id to resource for one type. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    /** Each function's properties with {@code Globals.Function} merged in (the function's own win, maps merged). */
    Map<String, Map<String, Object>> functions() {
        Map<String, Object> globals = map(map(section("Globals")).getOrDefault("Function", Map.of()));
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, resource) ->
                functions.put(id, merge(globals, map(resource.getOrDefault("Properties", Map.of())))));
        return functions;
    }

    /** {@code METHOD /path} to the function serving it, from the HttpApi events. */
    Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        functions().forEach((id, properties) -> events(properties, "HttpApi").forEach(event -> {
            String route = event.get("Method").toString().toUpperCase() + " " + event.get("Path");
            if (routes.put(route, id) != null) {
                throw new IllegalStateException("route " + route + " is declared twice");
            }
        }));
        return routes;
    }

    /** The properties of a function's events of one type. */
    static List<Map<String, Object>> events(Map<String, Object> function, String type) {
        List<Map<String, Object>> found = new ArrayList<>();
        map(function.getOrDefault("Events", Map.of())).values().forEach(event -> {
            if (type.equals(map(event).get("Type"))) {
                found.add(map(map(event).getOrDefault("Properties", Map.of())));
            }
        });
        return found;
    }

    /** Event types of a function ({@code HttpApi}, {@code SQS}, {@code Schedule}, ...). */
    static Set<String> eventTypes(Map<String, Object> function) {
        Set<String> types = new TreeSet<>();
        map(function.getOrDefault("Events", Map.of())).values().forEach(event -> types.add(String.valueOf(map(event).get("Type"))));
        return types;
    }

    /**
     * Every reference in the template that names nothing: {@code Ref}, {@code Fn::GetAtt}, {@code
     * Fn::Sub} variables, {@code Fn::If} and {@code Condition} names, {@code DependsOn}. Each as
     * "where: what".
     */
    List<String> danglingReferences() {
        Set<String> parameters = parameters().keySet();
        Set<String> resources = resources().keySet();
        Set<String> conditions = conditions().keySet();
        List<String> dangling = new ArrayList<>();
        // SAM's Ref to a function's published alias or version: FunctionId.Alias, FunctionId.Version.
        Set<String> published = new java.util.HashSet<>();
        resourcesOfType("AWS::Serverless::Function").keySet().forEach(id -> published.addAll(List.of(id + ".Alias", id + ".Version")));
        BiConsumer<String, String> refTarget = (where, name) -> {
            if (!parameters.contains(name) && !resources.contains(name) && !PSEUDO_PARAMETERS.contains(name) && !published.contains(name)) {
                dangling.add(where + ": Ref " + name);
            }
        };
        walk(root, "", (path, node) -> {
            if (!(node instanceof Map)) {
                return;
            }
            Map<String, Object> m = map(node);
            if (m.size() == 1 && m.containsKey("Ref") && m.get("Ref") instanceof String) {
                refTarget.accept(path, (String) m.get("Ref"));
            }
            if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
                Object target = m.get("Fn::GetAtt");
                String resource = target instanceof List ? String.valueOf(((List<?>) target).get(0)) : String.valueOf(target).split("\\.")[0];
                if (!resources.contains(resource)) {
                    dangling.add(path + ": GetAtt " + resource);
                }
            }
            if (m.size() == 1 && m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                String text;
                Set<String> local = Set.of();
                if (sub instanceof List) {
                    text = String.valueOf(((List<?>) sub).get(0));
                    local = map(((List<?>) sub).get(1)).keySet();
                } else {
                    text = String.valueOf(sub);
                }
                Matcher variables = SUB_VARIABLE.matcher(text);
                while (variables.find()) {
                    String variable = variables.group(1);
                    if (local.contains(variable)) {
                        continue;
                    }
                    if (variable.contains(".") && !PSEUDO_PARAMETERS.contains(variable)) {
                        String resource = variable.substring(0, variable.indexOf('.'));
                        if (!resources.contains(resource)) {
                            dangling.add(path + ": Sub ${" + variable + "}");
                        }
                    } else {
                        refTarget.accept(path + " (Sub)", variable);
                    }
                }
            }
            if (m.size() == 1 && m.containsKey("Fn::If")) {
                String condition = String.valueOf(((List<?>) m.get("Fn::If")).get(0));
                if (!conditions.contains(condition)) {
                    dangling.add(path + ": If " + condition);
                }
            }
            if (m.size() == 1 && m.containsKey("Condition") && m.get("Condition") instanceof String
                    && path.startsWith("Conditions")) {
                if (!conditions.contains((String) m.get("Condition"))) {
                    dangling.add(path + ": Condition " + m.get("Condition"));
                }
            }
        });
        resources().forEach((id, resource) -> {
            Object condition = map(resource).get("Condition");
            if (condition != null && !conditions.contains(String.valueOf(condition))) {
                dangling.add("Resources." + id + ".Condition: " + condition);
            }
            Object dependsOn = map(resource).get("DependsOn");
            List<?> targets = dependsOn instanceof List ? (List<?>) dependsOn : dependsOn == null ? List.of() : List.of(dependsOn);
            targets.forEach(target -> {
                if (!resources.contains(String.valueOf(target))) {
                    dangling.add("Resources." + id + ".DependsOn: " + target);
                }
            });
        });
        section("Outputs").forEach((id, output) -> {
            Object condition = map(output).get("Condition");
            if (condition != null && !conditions.contains(String.valueOf(condition))) {
                dangling.add("Outputs." + id + ".Condition: " + condition);
            }
        });
        return dangling;
    }

    /** Visits every node with a dotted path. */
    static void walk(Object node, String path, BiConsumer<String, Object> visitor) {
        visitor.accept(path, node);
        if (node instanceof Map) {
            map(node).forEach((key, value) -> walk(value, path.isEmpty() ? key : path + "." + key, visitor));
        } else if (node instanceof List) {
            List<?> list = (List<?>) node;
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    /**
     * Evaluates intrinsics the way CloudFormation would for a deployment with the given parameter
     * values (defaults for the rest), with placeholder values for resources ({@code Ref} of a queue
     * is a queue URL, of a bucket a bucket name, ...) and {@code "SECRET"} for dynamic references.
     */
    Object evaluate(Object node, Map<String, String> parameterValues) {
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) node) {
                out.add(evaluate(item, parameterValues));
            }
            return out;
        }
        if (node instanceof String) {
            return DYNAMIC_REFERENCE.matcher((String) node).replaceAll("SECRET");
        }
        if (!(node instanceof Map)) {
            return node == null ? null : node.toString();
        }
        Map<String, Object> m = map(node);
        if (m.size() == 1) {
            String key = m.keySet().iterator().next();
            Object argument = m.get(key);
            switch (key) {
                case "Ref":
                    return ref(String.valueOf(argument), parameterValues);
                case "Fn::GetAtt": {
                    List<?> parts = (List<?>) argument;
                    return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                }
                case "Fn::Sub": {
                    String text = argument instanceof List ? String.valueOf(((List<?>) argument).get(0)) : String.valueOf(argument);
                    Map<String, Object> local = argument instanceof List ? map(((List<?>) argument).get(1)) : Map.of();
                    Matcher variables = SUB_VARIABLE.matcher(text);
                    StringBuilder out = new StringBuilder();
                    while (variables.find()) {
                        String variable = variables.group(1);
                        Object value;
                        if (local.containsKey(variable)) {
                            value = evaluate(local.get(variable), parameterValues);
                        } else if (variable.contains(".") && !PSEUDO_PARAMETERS.contains(variable)) {
                            value = getAtt(variable.substring(0, variable.indexOf('.')), variable.substring(variable.indexOf('.') + 1));
                        } else {
                            value = ref(variable, parameterValues);
                        }
                        variables.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
                    }
                    variables.appendTail(out);
                    return evaluate(out.toString().replace("${!", "${"), parameterValues);
                }
                case "Fn::If": {
                    List<?> branches = (List<?>) argument;
                    return evaluate(condition(String.valueOf(branches.get(0)), parameterValues) ? branches.get(1) : branches.get(2),
                            parameterValues);
                }
                case "Fn::Join": {
                    List<?> parts = (List<?>) argument;
                    List<String> values = new ArrayList<>();
                    for (Object part : (List<?>) evaluate(parts.get(1), parameterValues)) {
                        values.add(String.valueOf(part));
                    }
                    return String.join(String.valueOf(parts.get(0)), values);
                }
                default:
                    break;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, evaluate(v, parameterValues)));
        return out;
    }

    /** Evaluates a named condition. */
    boolean condition(String name, Map<String, String> parameterValues) {
        Object definition = conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(definition, parameterValues);
    }

    private boolean truth(Object node, Map<String, String> parameterValues) {
        Map<String, Object> m = map(node);
        String key = m.keySet().iterator().next();
        Object argument = m.get(key);
        switch (key) {
            case "Fn::Equals": {
                List<?> pair = (List<?>) argument;
                return Objects.equals(String.valueOf(evaluate(pair.get(0), parameterValues)), String.valueOf(evaluate(pair.get(1), parameterValues)));
            }
            case "Fn::Not":
                return !truth(((List<?>) argument).get(0), parameterValues);
            case "Fn::And":
                return ((List<?>) argument).stream().allMatch(c -> truth(c, parameterValues));
            case "Fn::Or":
                return ((List<?>) argument).stream().anyMatch(c -> truth(c, parameterValues));
            case "Condition":
                return condition(String.valueOf(argument), parameterValues);
            default:
                throw new IllegalArgumentException("not a condition function: " + key);
        }
    }

    private Object ref(String name, Map<String, String> parameterValues) {
        switch (name) {
            case "AWS::Region":
                return "us-east-1";
            case "AWS::AccountId":
                return "123456789012";
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return "musicrec";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (parameters().containsKey(name)) {
            Map<String, Object> parameter = map(parameters().get(name));
            String value = parameterValues.containsKey(name) ? parameterValues.get(name)
                    : parameter.containsKey("Default") ? String.valueOf(parameter.get("Default")) : null;
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no default and no value was given");
            }
            String type = String.valueOf(parameter.get("Type"));
            return type.startsWith("List<") || type.equals("CommaDelimitedList") ? List.of(value.split(",")) : value;
        }
        Map<String, Object> resource = map(resources().get(name));
        String type = String.valueOf(resource.get("Type"));
        switch (type) {
            case "AWS::SQS::Queue":
                return "https://sqs.us-east-1.amazonaws.com/123456789012/musicrec-" + name + "-AbCdEf123456";
            case "AWS::S3::Bucket":
                return "musicrec-" + name.toLowerCase() + "-1a2b3c4d5e6f";
            default:
                return "musicrec-" + name + "-AbCdEf123456";
        }
    }

    private Object getAtt(String resource, String attribute) {
        String type = String.valueOf(map(resources().get(resource)).get("Type"));
        if (type.equals("AWS::SQS::Queue") && attribute.equals("Arn")) {
            return "arn:aws:sqs:us-east-1:123456789012:musicrec-" + resource + "-AbCdEf123456";
        }
        if (type.equals("AWS::SQS::Queue") && attribute.equals("QueueName")) {
            return "musicrec-" + resource + "-AbCdEf123456";
        }
        if (type.equals("AWS::S3::Bucket") && attribute.equals("Arn")) {
            return "arn:aws:s3:::musicrec-" + resource.toLowerCase() + "-1a2b3c4d5e6f";
        }
        return resource + "." + attribute + ".value";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object global = merged.get(key);
            if (global instanceof Map && value instanceof Map) {
                merged.put(key, merge(map(global), map(value)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** Distinct values, in order. */
    static <T> List<T> distinct(List<T> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }
}
