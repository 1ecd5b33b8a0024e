package io.musicrec.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into maps, lists and scalars, turning each short-form tag into the long
 * form CloudFormation itself uses: {@code !Ref X} into {@code {"Ref": "X"}}, {@code !GetAtt A.B} into
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Condition C} into {@code {"Condition": "C"}}, and every
 * other {@code !Name} into {@code {"Fn::Name": ...}}. An unknown tag is an error, as it is for
 * CloudFormation. The Spark job's test reads the training state machine with it (this module's test-jar).
 */
public final class CfnYaml {

    /** The short forms CloudFormation accepts. */
    static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select",
            "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString", "ForEach");

    private CfnYaml() {
    }

    public static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new Constructor(options)).load(reader);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a template is a mapping at the top, got " + document);
        }
        return (Map<String, Object>) document;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        return load(new java.io.StringReader(yaml));
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode) {
                    value = constructScalar((ScalarNode) node);
                    if (key.equals("Fn::GetAtt")) {
                        String text = (String) value;
                        int dot = text.indexOf('.');
                        if (dot <= 0) {
                            throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + text);
                        }
                        value = List.of(text.substring(0, dot), text.substring(dot + 1));
                    }
                } else if (node instanceof SequenceNode) {
                    value = constructSequence((SequenceNode) node);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }
        }
    }
}
