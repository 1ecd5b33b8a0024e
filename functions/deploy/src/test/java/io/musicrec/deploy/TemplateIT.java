package io.musicrec.deploy;

import static io.musicrec.deploy.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code template.yaml} checked against what it deploys: runs after {@code package}, so each
 * function's shaded jar is where its CodeUri says. The SAM schema check needs {@code
 * ../shared/schemas/sam.schema.json} beside the checkout and is skipped, saying so, without it.
 */
class TemplateIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which function an event file is for, by its name's prefix (the longest prefix wins). */
    static final Map<String, String> EVENT_PREFIXES = Map.of(
            "api-", "ApiFunction",
            "users-", "UsersFunction",
            "ml-", "ModelFunction",
            "reader-", "ReaderFunction",
            "worker-", "WorkerFunction",
            "outbox-sweep-", "OutboxSweepFunction",
            "trainer-migrate", "MigrateFunction",
            "trainer-", "TrainerFunction");

    /** The handler input type each event source delivers. */
    static final Map<String, String> EVENT_SOURCE_TYPES = Map.of(
            "HttpApi", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
            "SQS", "com.amazonaws.services.lambda.runtime.events.SQSEvent",
            "Schedule", "com.amazonaws.services.lambda.runtime.events.ScheduledEvent");

    /** Values for the parameters without defaults, as a deployer would give them. */
    static final Map<String, String> DEPLOYMENT = Map.of(
            "JwtIssuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E",
            "JwtAudience", "4f7qk2h1c9v0n3m8s5t6u2w1x0",
            "VpcId", "vpc-0123456789abcdef0",
            "SubnetIds", "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
            "SecurityGroupIds", "sg-0123456789abcdef0",
            "DatabaseProxyEndpoint", "musicrec.proxy-abcdefghijkl.us-east-1.rds.amazonaws.com",
            "RedisEndpoint", "master.musicrec.abcdef.use1.cache.amazonaws.com:6379",
            "SecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:musicrec-AbCdEf");

    /**
     * How each function's own code reads its configuration: public static methods taking the
     * platform's {@code Environment}, in that function's jar. The template's environment must pass
     * all of them.
     */
    static final Map<String, List<String>> CONFIGURATION_READERS = Map.of(
            "ApiFunction", List.of("io.musicrec.api.ApiConfiguration#from"),
            "OutboxSweepFunction", List.of("io.musicrec.api.ApiConfiguration#from"),
            "UsersFunction", List.of("io.musicrec.users.UsersConfiguration#from"),
            "ModelFunction", List.of("io.musicrec.ml.ModelConfiguration#from"),
            "ReaderFunction", List.of("io.musicrec.platform.config.SecretSettings#from"),
            "WorkerFunction", List.of("io.musicrec.platform.config.DatabaseSettings#from",
                    "io.musicrec.platform.config.ModelStoreSettings#from", "io.musicrec.platform.config.RecommenderSettings#from",
                    "io.musicrec.platform.songs.SpotifySettings#fromEnvironment", "io.musicrec.platform.config.QueueSettings#from",
                    "io.musicrec.platform.config.SecretSettings#from"),
            "TrainerFunction", List.of("io.musicrec.platform.config.DatabaseSettings#from",
                    "io.musicrec.platform.config.ModelStoreSettings#from", "io.musicrec.trainer.retrain.RetrainingSettings#from",
                    "io.musicrec.platform.config.SecretSettings#from"),
            "MigrateFunction", List.of("io.musicrec.platform.config.DatabaseSettings#from",
                    "io.musicrec.platform.config.ModelStoreSettings#from", "io.musicrec.platform.config.SecretSettings#from"));

    /** Variables each function cannot start without. */
    static final Map<String, Set<String>> REQUIRED_VARIABLES = Map.of(
            "ApiFunction", Set.of("DATABASE_URL", "SECRET_ARN", "QUEUE_URL"),
            "OutboxSweepFunction", Set.of("DATABASE_URL", "SECRET_ARN", "QUEUE_URL"),
            "UsersFunction", Set.of("DATABASE_URL", "SECRET_ARN", "REDIS_URL"),
            "ModelFunction", Set.of("MODEL_BUCKET"),
            "ReaderFunction", Set.of("REDIS_URL", "SECRET_ARN"),
            "WorkerFunction", Set.of("DATABASE_URL", "SECRET_ARN", "REDIS_URL", "MODEL_BUCKET", "QUEUE_URL"),
            "TrainerFunction", Set.of("DATABASE_URL", "SECRET_ARN", "MODEL_BUCKET"),
            "MigrateFunction", Set.of("DATABASE_URL", "SECRET_ARN", "MODEL_BUCKET"));

    static SamTemplate template;
    static Map<String, Map<String, Object>> functions;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(Repository.template());
        functions = template.functions();
    }

    private static Path codeUri(Map<String, Object> function) {
        return Repository.root().resolve(String.valueOf(function.get("CodeUri")));
    }

    private static String handlerClass(Map<String, Object> function) {
        return String.valueOf(function.get("Handler")).split("::")[0];
    }

    @Test
    void theTemplateIsSamWithTheFunctionsOfTheSystem() {
        assertEquals("AWS::Serverless-2016-10-31", template.root().get("Transform"));
        assertEquals(Set.of("ApiFunction", "UsersFunction", "ModelFunction", "ReaderFunction", "WorkerFunction", "OutboxSweepFunction",
                "TrainerFunction", "MigrateFunction"), functions.keySet());
        assertEquals(1, template.resourcesOfType("AWS::Serverless::HttpApi").size());
    }

    @Test
    void templateValidatesAgainstTheSamSchema() throws IOException {
        Path schemaFile = Repository.sharedSchemas().resolve("sam.schema.json");
        Assumptions.assumeTrue(Files.isRegularFile(schemaFile),
                "SKIPPED: " + schemaFile + " is absent, so template.yaml was not validated against the SAM schema");
        JsonNode schemaNode = JSON.readTree(schemaFile.toFile());
        assertEquals("http://json-schema.org/draft-04/schema#", schemaNode.path("$schema").asText(),
                "the validator below is set up for draft-04; the schema file says otherwise");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaNode);

        Set<ValidationMessage> errors = schema.validate(JSON.valueToTree(template.root()));
        // anyOf over every resource type reports each alternative's complaint; show the short ones first.
        String shown = errors.stream().map(ValidationMessage::getMessage).sorted((a, b) -> Integer.compare(a.length(), b.length()))
                .limit(40).collect(Collectors.joining("\n  "));
        assertTrue(errors.isEmpty(), errors.size() + " schema errors:\n  " + shown);
        System.out.println("template.yaml validates against " + schemaFile);
    }

    @Test
    void schemaCheckCatchesAMistake() throws IOException {
        Path schemaFile = Repository.sharedSchemas().resolve("sam.schema.json");
        Assumptions.assumeTrue(Files.isRegularFile(schemaFile), "SKIPPED: " + schemaFile + " is absent");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(JSON.readTree(schemaFile.toFile()));
        String yaml = Files.readString(Repository.template());
        assertTrue(yaml.contains("FunctionResponseTypes:"));
        Map<String, Object> broken = CfnYaml.load(yaml.replace("FunctionResponseTypes:", "FunctionResponseType:"));
        assertFalse(schema.validate(JSON.valueToTree(broken)).isEmpty(), "a misspelt event property must fail the schema");
    }

    @Test
    void everyReferenceNamesAParameterResourcePseudoParameterOrCondition() {
        assertEquals(List.of(), template.danglingReferences());
    }

    @Test
    void theReferenceCheckFindsDanglingNames() {
        Map<String, Object> root = CfnYaml.load("Parameters: {P: {Type: String}}\n"
                + "Conditions: {C: !Equals [!Ref P, x], D: !Or [!Condition C, !Condition Nope]}\n"
                + "Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Condition: Gone\n    DependsOn: Ghost\n    Properties:\n"
                + "      A: !Ref Missing\n      B: !GetAtt Absent.Arn\n      C: !Sub \"${P}-${Unknown}-${R.Arn}-${Lost.Arn}-${!Literal}-${AWS::Region}\"\n"
                + "      D: !If [NoSuchCondition, 1, 2]\n      E: !Sub [\"${Local}\", {Local: !Ref P}]\n");
        List<String> dangling = SamTemplate.of(root).danglingReferences();
        assertEquals(8, dangling.size(), dangling.toString());
        for (String name : List.of("Missing", "Absent", "Unknown", "Lost.Arn", "NoSuchCondition", "Nope", "Gone", "Ghost")) {
            assertTrue(dangling.stream().anyMatch(d -> d.contains(name)), name + " in " + dangling);
        }
    }

    @Test
    void everyCodeUriIsAJarThatExistsAfterPackaging() {
        functions.forEach((id, function) -> {
            Path jar = codeUri(function);
            assertTrue(String.valueOf(function.get("CodeUri")).endsWith(".jar"), id + ": CodeUri should be the shaded jar");
            assertTrue(Files.isRegularFile(jar), id + ": " + jar + " does not exist; run mvn package first");
        });
    }

    @Test
    void everyHandlerIsAPublicHandleRequestOfTheRightArityInItsFunctionsJar() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : functions.entrySet()) {
            try (FunctionJar jar = new FunctionJar(codeUri(entry.getValue()))) {
                jar.handlerProblems(String.valueOf(entry.getValue().get("Handler"))).forEach(p -> problems.add(entry.getKey() + ": " + p));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachEventSourceDeliversTheTypeItsHandlerTakes() throws Exception {
        for (Map.Entry<String, Map<String, Object>> entry : functions.entrySet()) {
            Map<String, Object> function = entry.getValue();
            try (FunctionJar jar = new FunctionJar(codeUri(function))) {
                Class<?> input = jar.inputType(handlerClass(function)).orElseThrow(
                        () -> new AssertionError(entry.getKey() + ": the handler is not a typed RequestHandler"));
                for (String type : SamTemplate.eventTypes(function)) {
                    assertTrue(EVENT_SOURCE_TYPES.containsKey(type), entry.getKey() + ": no expectation for event type " + type);
                    assertEquals(EVENT_SOURCE_TYPES.get(type), input.getName(), entry.getKey() + " gets " + type + " events");
                }
            }
        }
    }

    @Test
    void everyEventFileParsesIntoItsFunctionsInputTypeLosingNoField() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Repository.events())) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        Map<String, Integer> perFunction = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String functionId = EVENT_PREFIXES.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length()))).map(Map.Entry::getValue)
                    .orElseThrow(() -> new AssertionError(name + ": name it after its function (" + EVENT_PREFIXES.keySet() + ")"));
            Map<String, Object> function = functions.get(functionId);
            assertNotNull(function, name + " is for " + functionId + ", which the template does not have");
            try (FunctionJar jar = new FunctionJar(codeUri(function))) {
                Class<?> input = jar.inputType(handlerClass(function)).orElseThrow();
                JsonNode original = JSON.readTree(file.toFile());
                if (input.getName().startsWith("com.amazonaws.services.lambda.runtime.events.")) {
                    Object serializer = serializer(input, jar.loader());
                    // What Lambda hands the handler: a RequestStreamHandler reads the JSON itself (the
                    // HTTP functions, with HttpApiEventCodec from their jar), a RequestHandler gets it
                    // through the runtime's serializer. Either way, written back by the runtime's
                    // serializer it must have every field of the file.
                    boolean streamed = jar.loader().loadClass(FunctionJar.REQUEST_STREAM_HANDLER)
                            .isAssignableFrom(jar.loader().loadClass(handlerClass(function)));
                    Object event = streamed ? readStreamed(jar.loader(), file) : parse(serializer, file);
                    JsonNode back = JSON.readTree(write(serializer, event));
                    List<String> lost = new ArrayList<>();
                    lostFields(original, back, "$", lost);
                    assertEquals(List.of(), lost, name + " as " + input.getSimpleName() + ": fields the runtime would drop");
                    checkShape(name, input.getSimpleName(), original, functionId);
                } else {
                    assertTrue(original.isObject(), name + ": " + input.getName() + " takes a JSON object");
                }
            }
            perFunction.merge(functionId, 1, Integer::sum);
        }
        System.out.println("events/ files per function: " + perFunction);
        for (String id : List.of("ApiFunction", "UsersFunction", "ModelFunction", "ReaderFunction", "WorkerFunction", "OutboxSweepFunction",
                "TrainerFunction")) {
            assertTrue(perFunction.getOrDefault(id, 0) > 0, "events/ has no sample event for " + id);
        }
    }

    private void checkShape(String name, String type, JsonNode event, String functionId) {
        switch (type) {
            case "APIGatewayV2HTTPEvent": {
                String route = event.path("routeKey").asText();
                assertEquals(functionId, template.routes().get(route), name + ": route " + route + " belongs to another function");
                assertEquals(route, event.path("requestContext").path("http").path("method").asText() + " " + event.path("rawPath").asText(),
                        name + ": routeKey, method and rawPath disagree");
                assertFalse(event.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asText().isEmpty(),
                        name + ": behind the JWT authorizer every event carries a sub claim");
                break;
            }
            case "SQSEvent":
                assertTrue(event.path("Records").size() > 0, name + ": no records");
                event.path("Records").forEach(r -> assertEquals("aws:sqs", r.path("eventSource").asText(), name));
                break;
            case "ScheduledEvent":
                if (event.path("detail").has("step")) {
                    List<String> problems = new ArrayList<>();
                    sameShape(trainingStepPayload(event.path("detail").path("step").asText()), JSON.convertValue(event, Object.class),
                            "$", problems);
                    assertEquals(List.of(), problems, name + ": what the training state machine sends for that step");
                } else {
                    assertEquals("Scheduled Event", event.path("detail-type").asText(), name);
                }
                break;
            default:
                break;
        }
    }

    /** The Payload of the training state machine's state that sends {@code step}. */
    private static Map<String, Object> trainingStepPayload(String step) {
        Map<String, Object> states = map(trainingDefinition().get("States"));
        return states.values().stream().map(state -> map(map(state).getOrDefault("Parameters", Map.of())).get("Payload"))
                .filter(payload -> payload != null && step.equals(map(map(payload).get("detail")).get("step"))).map(payload -> map(payload))
                .findFirst().orElseThrow(() -> new AssertionError("the training state machine sends no step " + step));
    }

    private static Map<String, Object> trainingDefinition() {
        return map(map(map(template.resources().get("SparkTrainingStateMachine")).get("Properties")).get("Definition"));
    }

    /** {@code event} has {@code payload}'s fields: its literals equal, a {@code name.$} field as a non-empty string, nothing more. */
    private static void sameShape(Object payload, Object event, String path, List<String> problems) {
        if (!(payload instanceof Map)) {
            if (!payload.equals(event)) {
                problems.add(path + ": " + event + ", the state machine sends " + payload);
            }
            return;
        }
        if (!(event instanceof Map)) {
            problems.add(path + ": not an object");
            return;
        }
        Set<String> expected = new TreeSet<>();
        map(payload).forEach((key, value) -> {
            String field = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            expected.add(field);
            Object actual = map(event).get(field);
            if (key.endsWith(".$")) {
                if (!(actual instanceof String text) || text.isEmpty()) {
                    problems.add(path + "." + field + ": a string from " + value + ", got " + actual);
                }
            } else {
                sameShape(value, actual, path + "." + field, problems);
            }
        });
        if (!expected.equals(map(event).keySet())) {
            problems.add(path + ": fields " + map(event).keySet() + ", the state machine sends " + expected);
        }
    }

    /**
     * The runtime's serializer for {@code type}, from a copy of aws-lambda-java-serialization of its
     * own: the library caches the customer's joda DateTime class by name in a static map, so one
     * copy shared by several function jars would hand one jar's class to another.
     */
    private static Object serializer(Class<?> type, ClassLoader functionLoader) throws Exception {
        java.net.URL library = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader own = new java.net.URLClassLoader(new java.net.URL[] {library}, ClassLoader.getPlatformClassLoader());
        Class<?> serializers = Class.forName(LambdaEventSerializers.class.getName(), true, own);
        return serializers.getMethod("serializerFor", Class.class, ClassLoader.class).invoke(null, type, functionLoader);
    }

    private static Object readStreamed(ClassLoader functionLoader, Path file) throws Exception {
        Method read = functionLoader.loadClass("io.musicrec.http.HttpApiEventCodec").getMethod("readEvent", InputStream.class);
        try (InputStream in = Files.newInputStream(file)) {
            Object event = read.invoke(null, in);
            assertNotNull(event, file.getFileName() + " does not read as an HTTP API event");
            return event;
        } catch (InvocationTargetException e) {
            throw new AssertionError(file.getFileName() + " does not read: " + e.getCause(), e.getCause());
        }
    }

    private static Object parse(Object serializer, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            Method fromJson = serializer.getClass().getMethod("fromJson", InputStream.class);
            fromJson.setAccessible(true);
            return fromJson.invoke(serializer, in);
        } catch (InvocationTargetException e) {
            throw new AssertionError(file.getFileName() + " does not parse: " + e.getCause(), e.getCause());
        }
    }

    private static byte[] write(Object serializer, Object event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Method toJson = serializer.getClass().getMethod("toJson", Object.class, java.io.OutputStream.class);
        toJson.setAccessible(true);
        toJson.invoke(serializer, event, out);
        return out.toByteArray();
    }

    /** Every non-null leaf of {@code original} must be in {@code back}: a misspelt field would be dropped silently. */
    private static void lostFields(JsonNode original, JsonNode back, String path, List<String> lost) {
        if (original.isObject()) {
            original.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    return;
                }
                JsonNode there = back == null ? null : back.get(field.getKey());
                if (there == null || there.isNull()) {
                    lost.add(path + "." + field.getKey());
                } else {
                    lostFields(field.getValue(), there, path + "." + field.getKey(), lost);
                }
            });
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                lostFields(original.get(i), back == null ? null : back.get(i), path + "[" + i + "]", lost);
            }
        }
    }

    @Test
    void everyRouteIsBehindTheJwtAuthorizerAndCorsIsConfigured() {
        Map<String, Object> api = map(template.resourcesOfType("AWS::Serverless::HttpApi").get("HttpApi").get("Properties"));
        Map<String, Object> auth = map(api.get("Auth"));
        String authorizer = String.valueOf(auth.get("DefaultAuthorizer"));
        Map<String, Object> jwt = map(map(map(auth.get("Authorizers")).get(authorizer)).get("JwtConfiguration"));
        // The deployer's issuer, or the stack's own user pool and its web client when none is given.
        assertEquals(Map.of("Fn::If", List.of("MakeUserPool",
                Map.of("Fn::Sub", "https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${UserPool}"), Map.of("Ref", "JwtIssuer"))),
                jwt.get("issuer"));
        assertEquals(Map.of("Fn::If", List.of("MakeUserPool", List.of(Map.of("Ref", "UserPoolClient")), Map.of("Ref", "JwtAudience"))),
                jwt.get("audience"));
        // CORS: the deployer's origins, or only the web app's.
        Map<String, Object> cors = map(api.get("CorsConfiguration"));
        assertEquals(Map.of("Fn::If", List.of("CorsToTheApp", List.of(Map.of("Fn::Sub", "https://${AppDistribution.DomainName}")),
                Map.of("Ref", "CorsAllowOrigins"))), cors.get("AllowOrigins"));
        assertTrue(((List<?>) cors.get("AllowHeaders")).containsAll(List.of("authorization", "content-type", "idempotency-key")),
                "the web app sends these: " + cors.get("AllowHeaders"));
        assertTrue(((List<?>) cors.get("ExposeHeaders")).contains("idempotent-replayed"), "a browser reads whether its play was replayed");
        functions.forEach((id, function) -> SamTemplate.events(function, "HttpApi").forEach(event -> {
            assertEquals(Map.of("Ref", "HttpApi"), event.get("ApiId"), id + ": a route outside the API");
            assertFalse(event.containsKey("Auth"), id + " " + event.get("Path") + ": routes keep the default JWT authorizer");
        }));
    }

    @Test
    void theWorkerReportsBatchItemFailuresAndTheQueueOutlastsItsTimeoutSixTimesWithARedriveAfterThreeReceives() {
        Map<String, Object> worker = functions.get("WorkerFunction");
        List<Map<String, Object>> sqs = SamTemplate.events(worker, "SQS");
        assertEquals(1, sqs.size());
        Map<String, Object> source = sqs.get(0);
        assertEquals(List.of("ReportBatchItemFailures"), source.get("FunctionResponseTypes"));
        assertNotNull(source.get("BatchSize"));
        String queueId = String.valueOf(((List<?>) map(source.get("Queue")).get("Fn::GetAtt")).get(0));
        Map<String, Object> queue = map(map(template.resources().get(queueId)).get("Properties"));
        int timeout = ((Number) worker.get("Timeout")).intValue();
        int visibility = ((Number) queue.get("VisibilityTimeout")).intValue();
        assertTrue(visibility >= 6 * timeout, "visibility " + visibility + " s < 6 x the worker's " + timeout + " s");
        Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
        assertEquals(3, ((Number) redrive.get("maxReceiveCount")).intValue());
        String dlq = String.valueOf(((List<?>) map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0));
        assertEquals("AWS::SQS::Queue", map(template.resources().get(dlq)).get("Type"));
    }

    /**
     * The outbox is swept by a schedule of its own, often enough that a message SQS missed is late
     * by a minute, not a day; the sweep may send to the queue and nothing else; and its backlog
     * metric has an alarm that names the metric exactly as the sweep publishes it.
     */
    @Test
    void theOutboxIsSweptEveryMinuteAndItsOldestPendingAgeHasAnAlarm() throws Exception {
        Map<String, Object> sweep = functions.get("OutboxSweepFunction");
        List<Map<String, Object>> schedules = SamTemplate.events(sweep, "Schedule");
        assertEquals(1, schedules.size());
        assertEquals("rate(1 minute)", schedules.get(0).get("Schedule"));
        assertEquals(functions.get("ApiFunction").get("CodeUri"), sweep.get("CodeUri"), "the API function's jar");
        List<Map<String, Object>> granted = statements(map(((List<?>) sweep.get("Policies")).get(0)).get("Statement"));
        assertEquals(1, granted.size());
        assertEquals("sqs:SendMessage", granted.get(0).get("Action"));
        assertEquals(Map.of("Fn::GetAtt", List.of("RecalculationQueue", "Arn")), granted.get(0).get("Resource"));

        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        Map<String, Object> alarm = alarms.values().stream().map(a -> map(map(a).get("Properties")))
                .filter(p -> "OutboxOldestPendingAge".equals(p.get("MetricName"))).findFirst()
                .orElseThrow(() -> new AssertionError("no alarm on OutboxOldestPendingAge among " + alarms.keySet()));
        try (FunctionJar jar = new FunctionJar(codeUri(sweep))) {
            assertEquals(jar.load("io.musicrec.platform.queue.OutboxSweep").getField("OLDEST_PENDING_AGE").get(null), alarm.get("MetricName"));
            assertEquals(jar.load("io.musicrec.platform.metrics.Metrics").getField("NAMESPACE").get(null), alarm.get("Namespace"));
            Class<?> handler = jar.load("io.musicrec.api.OutboxSweepHandler");
            Object service = jar.load("io.musicrec.platform.metrics.Metrics").getField("SERVICE").get(null);
            // A metric's dimension set is part of its name: the alarm names all of the line's.
            assertEquals(List.of(Map.of("Name", service, "Value", handler.getField("SERVICE").get(null)),
                    Map.of("Name", handler.getField("FUNCTION_NAME_DIMENSION").get(null), "Value", Map.of("Ref", "OutboxSweepFunction"))),
                    alarm.get("Dimensions"));
        }
        assertEquals("breaching", alarm.get("TreatMissingData"), "no data means the sweep is not running");
        int timeout = ((Number) sweep.get("Timeout")).intValue();
        assertTrue(timeout <= 60, "a sweep ends before the next one starts: " + timeout);
    }

    @Test
    void everyFunctionIsJava25WithSnapStartAnAliasJsonLogsAndItsOwnLogGroupWithRetention() {
        Set<Object> logGroups = new TreeSet<>();
        functions.forEach((id, function) -> {
            assertEquals("java25", function.get("Runtime"), id);
            assertEquals("PublishedVersions", map(function.get("SnapStart")).get("ApplyOn"), id);
            assertNotNull(function.get("AutoPublishAlias"), id + ": SnapStart applies to published versions only");
            assertNotNull(function.get("MemorySize"), id);
            assertNotNull(function.get("Timeout"), id);
            Map<String, Object> logging = map(function.get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), id);
            assertNotNull(logging.get("ApplicationLogLevel"), id);
            String group = String.valueOf(map(logging.get("LogGroup")).get("Ref"));
            Map<String, Object> resource = map(template.resources().get(group));
            assertEquals("AWS::Logs::LogGroup", resource.get("Type"), id + ": LoggingConfig.LogGroup must Ref a log group of the template");
            assertNotNull(map(resource.get("Properties")).get("RetentionInDays"), id + ": " + group + " keeps logs forever");
            assertTrue(logGroups.add(group), id + " shares " + group);
            Map<String, Object> vpc = map(function.get("VpcConfig"));
            assertEquals(Map.of("Ref", "SubnetIds"), vpc.get("SubnetIds"), id);
        });
        assertEquals(Map.of("Ref", "TrainerMemorySize"), functions.get("TrainerFunction").get("MemorySize"));
        int trainer = Integer.parseInt(String.valueOf(map(template.parameters().get("TrainerMemorySize")).get("Default")));
        functions.forEach((id, function) -> {
            if (function.get("MemorySize") instanceof Number) {
                assertTrue(((Number) function.get("MemorySize")).intValue() < trainer, id + " has more memory than the trainer");
            }
        });
    }

    @Test
    void javaToolOptionsAddTheVectorModuleWhereTheEngineRunsAndC1OnlyOnTheShortRequestPaths() {
        Function<String, String> options = id -> String.valueOf(map(map(functions.get(id).get("Environment")).get("Variables"))
                .getOrDefault("JAVA_TOOL_OPTIONS", ""));
        for (String id : List.of("ModelFunction", "WorkerFunction", "TrainerFunction")) {
            assertTrue(options.apply(id).contains("--add-modules=jdk.incubator.vector"), id + ": " + options.apply(id));
        }
        // With SnapStart the java25 runtime leaves the JVM's default tiers on: every function that
        // answers requests or runs long numeric work names its level.
        for (String id : List.of("WorkerFunction", "TrainerFunction")) {
            assertTrue(options.apply(id).contains("-XX:TieredStopAtLevel=4"), id + ": " + options.apply(id));
        }
        assertTrue(options.apply("TrainerFunction").contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/"), options.apply("TrainerFunction"));
        for (String id : List.of("ReaderFunction", "ApiFunction", "UsersFunction", "ModelFunction", "OutboxSweepFunction")) {
            assertTrue(options.apply(id).contains("-XX:TieredStopAtLevel=1"), id + ": " + options.apply(id));
        }
        for (String id : List.of("ReaderFunction", "ApiFunction", "UsersFunction", "OutboxSweepFunction")) {
            assertFalse(options.apply(id).contains("jdk.incubator.vector"), id + ": the engine does not run there");
        }
    }

    /**
     * Each HTTP function is given exactly the variables its own configuration reads (and the JVM
     * options): a secret it does not need is a secret it cannot leak.
     */
    @Test
    void eachHttpFunctionGetsOnlyTheVariablesItReads() {
        Map<String, Set<String>> expected = Map.of(
                "ApiFunction", Set.of("JAVA_TOOL_OPTIONS", "FUNCTION_TIMEOUT_SECONDS", "DATABASE_URL", "DATABASE_USER", "SECRET_ARN",
                        "QUEUE_URL"),
                "UsersFunction", Set.of("JAVA_TOOL_OPTIONS", "FUNCTION_TIMEOUT_SECONDS", "DATABASE_URL", "DATABASE_USER", "SECRET_ARN",
                        "REDIS_URL"),
                "ModelFunction", Set.of("JAVA_TOOL_OPTIONS", "FUNCTION_TIMEOUT_SECONDS", "MODEL_BUCKET", "MODEL_KEY", "NUMBER_OF_ARTISTS",
                        "RECOMMENDER_MODE"),
                "ReaderFunction", Set.of("JAVA_TOOL_OPTIONS", "FUNCTION_TIMEOUT_SECONDS", "REDIS_URL", "SECRET_ARN"));
        expected.forEach((id, variables) -> assertEquals(new TreeSet<>(variables),
                new TreeSet<>(map(map(functions.get(id).get("Environment")).get("Variables")).keySet()), id));
    }

    /**
     * Each request function's time budget, built by its own code (from its jar) for the template's
     * {@code Timeout}: {@code public static TimeBudget budget(Duration)}.
     */
    static final Map<String, String> BUDGETS = Map.of(
            "ApiFunction", "io.musicrec.api.ApiComponents",
            "UsersFunction", "io.musicrec.users.UsersComponents",
            "ModelFunction", "io.musicrec.ml.ModelComponents",
            "ReaderFunction", "io.musicrec.reader.ReaderComponents",
            "WorkerFunction", "io.musicrec.worker.WorkerComponents");

    /**
     * Every client call a request makes, at its worst (every attempt and back-off), in sequence, with
     * a second to answer, fits in the function's {@code Timeout}: each function's code derives its
     * clients' bounds from {@code FUNCTION_TIMEOUT_SECONDS}, which must be that {@code Timeout}.
     */
    @Test
    void eachFunctionsCallsAtTheirWorstNestInsideItsTimeout() throws Exception {
        for (Map.Entry<String, String> entry : BUDGETS.entrySet()) {
            Map<String, Object> function = functions.get(entry.getKey());
            int timeout = ((Number) function.get("Timeout")).intValue();
            Object variable = map(map(function.get("Environment")).get("Variables")).get("FUNCTION_TIMEOUT_SECONDS");
            assertEquals(String.valueOf(timeout), String.valueOf(variable),
                    entry.getKey() + ": FUNCTION_TIMEOUT_SECONDS, which its code divides among its clients, must be its Timeout");
            try (FunctionJar jar = new FunctionJar(codeUri(function))) {
                Method budgetOf = jar.load(entry.getValue()).getDeclaredMethod("budget", java.time.Duration.class);
                budgetOf.setAccessible(true);
                Object budget = budgetOf.invoke(null, java.time.Duration.ofSeconds(timeout));
                Method worstCase = budget.getClass().getMethod("worstCase");
                java.time.Duration worst = (java.time.Duration) worstCase.invoke(budget);
                assertTrue(worst.compareTo(java.time.Duration.ofSeconds(timeout)) <= 0, entry.getKey() + ": " + budget);
                System.out.println(entry.getKey() + ": " + budget);
            }
        }
    }

    /** The check above can fail: a Timeout too short for the API function's calls is refused by its own code. */
    @Test
    void aTimeoutTooShortForAFunctionsCallsIsRefused() throws Exception {
        try (FunctionJar jar = new FunctionJar(codeUri(functions.get("ApiFunction")))) {
            Method budgetOf = jar.load(BUDGETS.get("ApiFunction")).getDeclaredMethod("budget", java.time.Duration.class);
            InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                    () -> budgetOf.invoke(null, java.time.Duration.ofSeconds(4)));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("do not fit in its timeout"), String.valueOf(e.getCause()));
        }
    }

    /**
     * The jobs (retraining, migration) are not budgeted per request, but no single call of theirs
     * may outlast the function: an S3 call, a database call.
     */
    @Test
    void aJobsSingleCallsEndInsideItsTimeout() throws Exception {
        for (String id : List.of("TrainerFunction", "MigrateFunction")) {
            Map<String, Object> function = functions.get(id);
            java.time.Duration timeout = java.time.Duration.ofSeconds(((Number) function.get("Timeout")).intValue());
            try (FunctionJar jar = new FunctionJar(codeUri(function))) {
                Object s3 = jar.load("io.musicrec.platform.aws.AwsClients").getField("S3_JOB_LIMITS").get(null);
                java.time.Duration s3Call = (java.time.Duration) s3.getClass().getMethod("call").invoke(s3);
                java.time.Duration database = (java.time.Duration) jar.load("io.musicrec.platform.postgres.Database$Options")
                        .getField("LONGEST_CALL").get(null);
                assertTrue(s3Call.compareTo(timeout) < 0, id + ": an S3 call may take " + s3Call);
                assertTrue(database.compareTo(timeout) < 0, id + ": a database call may take " + database);
            }
        }
    }

    /** Least privilege per HTTP function: the actions each may call, on what. */
    @Test
    void eachHttpFunctionMayCallOnlyTheAwsActionsItsRoutesNeed() {
        Map<String, Set<String>> expected = Map.of(
                "ApiFunction", Set.of("sqs:SendMessage", "secretsmanager:GetSecretValue"),
                "UsersFunction", Set.of("secretsmanager:GetSecretValue"),
                "ModelFunction", Set.of("s3:GetObject", "s3:ListBucket"),
                "ReaderFunction", Set.of("secretsmanager:GetSecretValue"));
        expected.forEach((id, actions) -> {
            Object policies = functions.get(id).get("Policies");
            List<?> list = policies == null ? List.of() : (List<?>) policies;
            Set<String> granted = new TreeSet<>();
            for (Object policy : list) {
                assertTrue(map(policy).containsKey("Statement"), id + ": only inline statements, got " + policy);
                statements(map(policy).get("Statement")).forEach(statement -> {
                    Object action = statement.get("Action");
                    (action instanceof List ? (List<?>) action : List.of(action)).forEach(a -> granted.add(String.valueOf(a)));
                });
            }
            assertEquals(new TreeSet<>(actions), granted, id);
        });
        String modelResource = String.valueOf(statements(map(((List<?>) functions.get("ModelFunction").get("Policies")).get(0))
                .get("Statement")).get(0).get("Resource"));
        assertTrue(modelResource.contains("${ModelBucket}/${ModelKeyPrefix}/*"), "the ML function reads the model prefix only: " + modelResource);
        Object queue = statements(map(((List<?>) functions.get("ApiFunction").get("Policies")).get(0)).get("Statement")).get(0).get("Resource");
        assertEquals(Map.of("Fn::GetAtt", List.of("RecalculationQueue", "Arn")), queue, "the API function sends to the queue only");
    }

    /** The template's routes are the shared route table's, function by function (read from a function's own jar). */
    @Test
    void theTemplatesRoutesAreTheRouteTables() throws Exception {
        try (FunctionJar api = new FunctionJar(codeUri(functions.get("ApiFunction")))) {
            Object table = api.load("io.musicrec.http.RouteTable").getMethod("functionsByRoute").invoke(null);
            assertEquals(new TreeMap<>((Map<?, ?>) table), new TreeMap<>(template.routes()));
        }
    }

    @Test
    void environmentVariablesAreExactlyNamesTheCodeReads() throws Exception {
        Set<String> known = new TreeSet<>(Set.of("JAVA_TOOL_OPTIONS"));
        try (FunctionJar api = new FunctionJar(codeUri(functions.get("ApiFunction")));
             FunctionJar trainer = new FunctionJar(codeUri(functions.get("TrainerFunction")))) {
            known.addAll(stringConstants(api.load("io.musicrec.platform.config.EnvironmentVariables")));
            for (String settings : List.of("io.musicrec.trainer.retrain.RetrainingSettings", "io.musicrec.trainer.retrain.SparkSteps")) {
                known.addAll(stringConstants(trainer.load(settings)).stream().filter(name -> name.matches("[A-Z][A-Z0-9_]+")).toList());
            }
        }
        functions.forEach((id, function) -> {
            Set<String> set = map(map(function.get("Environment")).get("Variables")).keySet();
            Set<String> unknown = new TreeSet<>(set);
            unknown.removeAll(known);
            assertEquals(Set.of(), unknown, id + " sets variables no code reads (known: " + known + ")");
            assertTrue(set.containsAll(REQUIRED_VARIABLES.get(id)), id + " lacks some of " + REQUIRED_VARIABLES.get(id));
        });
        Set<String> reader = map(map(functions.get("ReaderFunction").get("Environment")).get("Variables")).keySet();
        assertFalse(reader.contains("DATABASE_PASSWORD") || reader.contains("SPOTIFY_CLIENT_SECRET"), "the read function needs only Redis");
    }

    private static List<String> stringConstants(Class<?> type) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    @Test
    void eachFunctionsOwnConfigurationCodeAcceptsTheEnvironmentTheTemplateGivesIt() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map<String, String> choices : List.of(Map.<String, String>of(), Map.of("CreateSecretsManagerEndpoint", "false"))) {
            Map<String, String> parameters = new HashMap<>(DEPLOYMENT);
            parameters.putAll(choices);
            for (Map.Entry<String, Map<String, Object>> entry : functions.entrySet()) {
                Map<String, Object> variables = map(template.evaluate(map(entry.getValue().get("Environment")).get("Variables"), parameters));
                Map<String, String> environment = new LinkedHashMap<>();
                variables.forEach((k, v) -> environment.put(k, String.valueOf(v)));
                environment.put("AWS_REGION", "us-east-1");
                String redis = environment.get("REDIS_URL");
                if (redis != null) {
                    assertTrue(redis.matches("rediss://[^:/@]+:6379"), entry.getKey() + ": REDIS_URL " + redis);
                }
                try (FunctionJar jar = new FunctionJar(codeUri(entry.getValue()))) {
                    for (String reader : CONFIGURATION_READERS.getOrDefault(entry.getKey(), List.of())) {
                        String problem = readConfiguration(jar, reader, environment);
                        if (problem != null) {
                            problems.add(entry.getKey() + " " + choices + ": " + reader + ": " + problem);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Runs {@code Class#method(Environment)} from the function's jar; null when it accepts, else its message. */
    private static String readConfiguration(FunctionJar jar, String reader, Map<String, String> environment) throws Exception {
        String[] parts = reader.split("#");
        Class<?> environmentType = jar.load("io.musicrec.platform.config.Environment");
        Function<String, String> lookup = environment::get;
        Object env = environmentType.getMethod("of", Function.class).invoke(null, lookup);
        Method method = jar.load(parts[0]).getMethod(parts[1], environmentType);
        try {
            method.invoke(null, env);
            return null;
        } catch (InvocationTargetException e) {
            return String.valueOf(e.getCause());
        }
    }

    @Test
    void noAllowStatementUsesAWildcardActionAndPolicyTemplatesAreScopedToTheTemplatesResources() throws IOException {
        Path templatesFile = Repository.sharedSchemas().resolve("sam-policy-templates.json");
        JsonNode policyTemplates = Files.isRegularFile(templatesFile) ? JSON.readTree(templatesFile.toFile()).path("Templates") : null;
        List<String> problems = new ArrayList<>();
        List<String> expanded = new ArrayList<>();
        Map<String, Map<String, Object>> withPolicies = new LinkedHashMap<>(functions);
        withPolicies.putAll(template.resourcesOfType("AWS::Serverless::StateMachine").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> map(e.getValue().get("Properties")))));
        withPolicies.forEach((id, function) -> {
            for (Object policy : policies(function, true)) {
                if (policy instanceof String) {
                    problems.add(id + ": managed policy " + policy + " (use a scoped statement or policy template)");
                    continue;
                }
                Map<String, Object> p = map(policy);
                if (p.containsKey("Statement")) {
                    statements(p.get("Statement")).forEach(s -> checkStatement(id + " inline", s, problems));
                    continue;
                }
                for (Map.Entry<String, Object> named : p.entrySet()) {
                    Map<String, Object> arguments = map(named.getValue());
                    arguments.forEach((parameter, value) -> {
                        Set<String> referenced = new TreeSet<>();
                        SamTemplate.walk(value, "", (path, node) -> {
                            if (node instanceof Map && map(node).containsKey("Ref")) {
                                referenced.add(String.valueOf(map(node).get("Ref")));
                            }
                            if (node instanceof Map && map(node).containsKey("Fn::GetAtt")) {
                                referenced.add(String.valueOf(((List<?>) map(node).get("Fn::GetAtt")).get(0)));
                            }
                        });
                        if (referenced.isEmpty() || !template.resources().keySet().containsAll(referenced)) {
                            problems.add(id + ": " + named.getKey() + "." + parameter + " must name a resource of this template, got " + value);
                        }
                    });
                    if (policyTemplates == null) {
                        continue;
                    }
                    JsonNode definition = policyTemplates.path(named.getKey());
                    if (definition.isMissingNode()) {
                        problems.add(id + ": " + named.getKey() + " is not a SAM policy template");
                        continue;
                    }
                    Set<String> expected = new TreeSet<>();
                    definition.path("Parameters").fieldNames().forEachRemaining(expected::add);
                    if (!expected.equals(new TreeSet<>(arguments.keySet()))) {
                        problems.add(id + ": " + named.getKey() + " takes " + expected + ", got " + arguments.keySet());
                    }
                    statements(JSON.convertValue(definition.path("Definition").path("Statement"), Object.class))
                            .forEach(s -> checkStatement(id + " " + named.getKey(), s, problems));
                    expanded.add(named.getKey());
                }
            }
        });
        template.resources().forEach((id, resource) -> {
            String type = String.valueOf(map(resource).get("Type"));
            if (type.startsWith("AWS::IAM::") || type.endsWith("BucketPolicy") || type.endsWith("QueuePolicy")) {
                SamTemplate.walk(map(resource).get("Properties"), id, (path, node) -> {
                    if (path.endsWith("Statement") && node != null) {
                        statements(node).forEach(s -> checkStatement(id, s, problems));
                    }
                });
            }
        });
        assertEquals(List.of(), problems);
        System.out.println(policyTemplates == null
                ? "SKIPPED expanding SAM policy templates: " + templatesFile + " is absent; inline statements were checked"
                : "SAM policy templates expanded and checked: " + SamTemplate.distinct(expanded));
    }

    private static List<Map<String, Object>> statements(Object statement) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (statement instanceof List) {
            ((List<?>) statement).forEach(s -> out.add(map(s)));
        } else if (statement != null) {
            out.add(map(statement));
        }
        return out;
    }

    /**
     * An Allow must list its actions: no {@code *} in any, no NotAction. A Deny may use {@code
     * s3:*}: denying everything without TLS is the point of the bucket policy.
     */
    private static void checkStatement(String where, Map<String, Object> statement, List<String> problems) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return;
        }
        if (statement.containsKey("NotAction")) {
            problems.add(where + ": an Allow with NotAction");
        }
        Object action = statement.get("Action");
        List<?> actions = action instanceof List ? (List<?>) action : List.of(String.valueOf(action));
        for (Object a : actions) {
            if (String.valueOf(a).contains("*")) {
                problems.add(where + ": Allow with wildcard action " + a);
            }
        }
        Object resource = statement.get("Resource");
        if ("*".equals(resource) || (resource instanceof List && ((List<?>) resource).contains("*"))) {
            problems.add(where + ": Allow on every resource");
        }
    }

    /** Dynamic secret references anywhere under a function's environment, as "where: value". */
    static List<String> secretReferences(Map<String, Map<String, Object>> functions) {
        List<String> found = new ArrayList<>();
        functions.forEach((id, function) -> SamTemplate.walk(function.get("Environment"), id + ".Environment", (path, node) -> {
            if (node instanceof String && ((String) node).contains("{{resolve:")) {
                found.add(path + ": " + node);
            }
        }));
        return found;
    }

    /**
     * No secret in any function's environment: lambda:GetFunctionConfiguration would show it, and
     * a rotated secret would wait for the next deploy. The functions read SECRET_ARN's secret at init.
     */
    @Test
    void noFunctionsEnvironmentHoldsADynamicSecretReference() {
        assertEquals(List.of(), secretReferences(functions));
        Map<String, Object> leaky = CfnYaml.load("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                + "      Environment:\n        Variables:\n          REDIS_URL: !If [C, !Sub \"rediss://:{{resolve:secretsmanager:${A}:SecretString:t}}@h\", x]\n");
        assertEquals(1, secretReferences(SamTemplate.of(leaky).functions()).size(), "the check finds a reference inside an !If");
    }

    /** Each function's Allow statements: its inline policies, or those of the role of this template it names. */
    private static List<Map<String, Object>> allowStatements(String id) {
        return allowStatements(id, true);
    }

    /** The Allow statements of a function's role or Policies; with {@code conditional}, those of conditional policies too. */
    private static List<Map<String, Object>> allowStatements(String id, boolean conditional) {
        Map<String, Object> function = functions.get(id);
        List<Map<String, Object>> out = new ArrayList<>();
        Object role = function.get("Role");
        if (role != null) {
            String roleId = String.valueOf(((List<?>) map(role).get("Fn::GetAtt")).get(0));
            Map<String, Object> properties = map(map(template.resources().get(roleId)).get("Properties"));
            for (Object policy : (List<?>) properties.get("Policies")) {
                out.addAll(statements(map(map(policy).get("PolicyDocument")).get("Statement")));
            }
        }
        for (Object policy : policies(function, conditional)) {
            if (map(policy).containsKey("Statement")) {
                out.addAll(statements(map(policy).get("Statement")));
            }
        }
        out.removeIf(statement -> !"Allow".equals(statement.get("Effect")));
        return out;
    }

    /**
     * A function's or state machine's Policies; with {@code conditional}, an {@code !If [C, policy,
     * !Ref AWS::NoValue]} counts as its policy, else it is left out.
     */
    private static List<Object> policies(Map<String, Object> resource, boolean conditional) {
        Object policies = resource.get("Policies");
        List<Object> out = new ArrayList<>();
        for (Object policy : policies instanceof List ? (List<?>) policies : policies == null ? List.of() : List.of(policies)) {
            if (policy instanceof Map && map(policy).containsKey("Fn::If")) {
                List<?> branches = (List<?>) map(policy).get("Fn::If");
                assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2), "a conditional policy or none: " + policy);
                if (conditional) {
                    out.add(branches.get(1));
                }
            } else {
                out.add(policy);
            }
        }
        return out;
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return (action instanceof List ? (List<?>) action : List.of(action)).stream().map(String::valueOf).toList();
    }

    @Test
    void eachFunctionWithASecretArnMayReadThatSecretAndNoOther() {
        functions.forEach((id, function) -> {
            boolean hasSecret = map(map(function.get("Environment")).get("Variables")).containsKey("SECRET_ARN");
            List<Object> resources = new ArrayList<>();
            allowStatements(id).forEach(statement -> actions(statement).forEach(action -> {
                if (action.startsWith("secretsmanager:")) {
                    assertEquals("secretsmanager:GetSecretValue", action, id);
                    resources.add(statement.get("Resource"));
                }
            }));
            assertEquals(hasSecret ? List.of(Map.of("Ref", "SecretArn")) : List.of(), resources, id);
        });
    }

    /**
     * The worker polls its own queue only: a role of its own (with a generated role and an SQS
     * event SAM would attach AWSLambdaSQSQueueExecutionRole, on every queue), whose only managed
     * policy is the VPC one; S3 reads under the model prefix only, for the worker and the trainer.
     */
    @Test
    void theWorkerUsesItsQueueOnlyAndTheWorkerAndTrainerReadOnlyTheModelPrefix() {
        Map<String, Object> worker = functions.get("WorkerFunction");
        assertNotNull(worker.get("Role"), "the worker needs a role of its own");
        assertFalse(worker.containsKey("Policies"), "with a Role, SAM ignores Policies");
        String roleId = String.valueOf(((List<?>) map(worker.get("Role")).get("Fn::GetAtt")).get(0));
        Map<String, Object> role = map(map(template.resources().get(roleId)).get("Properties"));
        assertEquals(1, ((List<?>) role.get("ManagedPolicyArns")).size());
        assertTrue(String.valueOf(((List<?>) role.get("ManagedPolicyArns")).get(0)).endsWith("/AWSLambdaVPCAccessExecutionRole}"),
                String.valueOf(role.get("ManagedPolicyArns")));
        Set<String> sqsActions = new TreeSet<>();
        allowStatements("WorkerFunction").forEach(statement -> {
            if (actions(statement).stream().anyMatch(a -> a.startsWith("sqs:"))) {
                assertEquals(Map.of("Fn::GetAtt", List.of("RecalculationQueue", "Arn")), statement.get("Resource"), "SQS on the queue only");
                sqsActions.addAll(actions(statement));
            }
        });
        assertEquals(Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"), sqsActions);
        for (String id : List.of("WorkerFunction", "TrainerFunction", "ModelFunction")) {
            Object policies = functions.get(id).get("Policies");
            (policies == null ? List.of() : (List<?>) policies).forEach(policy ->
                    assertFalse(map(policy).containsKey("S3ReadPolicy"), id + ": S3ReadPolicy reads the whole bucket"));
            List<Map<String, Object>> s3 = allowStatements(id, false).stream()
                    .filter(statement -> actions(statement).stream().anyMatch(a -> a.startsWith("s3:"))).toList();
            assertFalse(s3.isEmpty(), id);
            for (Map<String, Object> statement : s3) {
                if (actions(statement).contains("s3:ListBucket")) {
                    assertEquals(List.of("s3:ListBucket"), actions(statement), id);
                    Object prefix = map(map(statement.get("Condition")).get("StringLike")).get("s3:prefix");
                    assertEquals(Map.of("Fn::Sub", "${ModelKeyPrefix}/*"), prefix, id + ": listing under the model prefix only");
                } else {
                    assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${ModelBucket}/${ModelKeyPrefix}/*"),
                            statement.get("Resource"), id + ": objects under the model prefix only");
                }
            }
        }
    }

    /**
     * When Spark trains, the schedule starts the training state machine instead of the trainer; its
     * steps follow one another with timeouts that nest inside the machine's, and it may do only
     * what its three steps need.
     */
    @Test
    void whenSparkTrainsTheScheduleStartsTheStateMachineWhoseStepsNestInItsTimeoutAndMayDoOnlyTheirWork() {
        Map<String, Object> resource = map(template.resources().get("SparkTrainingStateMachine"));
        assertEquals("UseEmrServerless", resource.get("Condition"));
        Map<String, Object> machine = map(resource.get("Properties"));
        Map<String, Object> schedule = map(map(map(machine.get("Events")).get("Train")).get("Properties"));
        assertEquals(Map.of("Ref", "RetrainSchedule"), schedule.get("Schedule"));
        assertEquals(Map.of("Ref", "RetrainScheduleState"), schedule.get("State"));
        Map<String, Object> retrain = map(map(map(functions.get("TrainerFunction").get("Events")).get("Retrain")).get("Properties"));
        assertEquals(Map.of("Fn::If", List.of("UseEmrServerless", "DISABLED", Map.of("Ref", "RetrainScheduleState"))), retrain.get("State"),
                "one schedule runs at a time");

        Map<String, Object> definition = trainingDefinition();
        Map<String, Object> states = map(definition.get("States"));
        List<String> path = new ArrayList<>();
        for (String name = (String) definition.get("StartAt"); name != null; ) {
            assertFalse(path.contains(name), "a loop at " + name);
            path.add(name);
            Map<String, Object> state = map(states.get(name));
            name = Boolean.TRUE.equals(state.get("End")) ? null : (String) state.get("Next");
        }
        assertEquals(List.of("Export", "Train", "Gate"), path);
        assertEquals(new TreeSet<>(states.keySet()), new TreeSet<>(path), "no state off the path");
        int trainer = ((Number) functions.get("TrainerFunction").get("Timeout")).intValue();
        long worst = 0;
        for (String name : path) {
            Map<String, Object> state = map(states.get(name));
            int timeout = ((Number) state.get("TimeoutSeconds")).intValue();
            if (!"Train".equals(name)) {
                assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:states:::lambda:invoke"), state.get("Resource"), name);
                assertTrue(timeout <= trainer, name + ": " + timeout + " s, the trainer function stops at " + trainer);
            }
            worst += timeout;
            for (Object retry : state.get("Retry") == null ? List.<Object>of() : (List<?>) state.get("Retry")) {
                Map<String, Object> r = map(retry);
                assertEquals(List.of("Lambda.TooManyRequestsException"), r.get("ErrorEquals"),
                        name + ": retried only when throttled, before it ran; a failed step is not run again");
                double wait = ((Number) r.get("IntervalSeconds")).doubleValue();
                for (int attempt = 0; attempt < ((Number) r.get("MaxAttempts")).intValue(); attempt++) {
                    worst += (long) wait;
                    wait *= ((Number) r.get("BackoffRate")).doubleValue();
                }
            }
        }
        int machineTimeout = ((Number) definition.get("TimeoutSeconds")).intValue();
        assertTrue(worst <= machineTimeout, "the steps at their worst take " + worst + " s, the machine stops at " + machineTimeout);
        System.out.println("training state machine: steps at their worst " + worst + " s, machine timeout " + machineTimeout + " s");

        Map<String, Object> substitutions = map(machine.get("DefinitionSubstitutions"));
        assertEquals(Map.of("Ref", "TrainerFunction.Alias"), substitutions.get("TrainerFunction"), "the published alias, with its snapshot");
        Map<String, Object> train = map(map(states.get("Train")).get("Parameters"));
        Map<String, Object> submit = map(map(train.get("JobDriver")).get("SparkSubmit"));
        assertEquals("s3://${ModelBucket}/${SparkPrefix}/jars/musicrec-spark.jar", submit.get("EntryPoint"), "where the job's role may read");
        assertEquals(Map.of("Ref", "SparkPrefix"), substitutions.get("SparkPrefix"));

        Map<String, Object> grants = new TreeMap<>();
        for (Object policy : policies(machine, true)) {
            statements(map(policy).get("Statement")).forEach(statement -> actions(statement).forEach(a -> grants.put(a, statement.get("Resource"))));
        }
        assertEquals(Map.of("lambda:InvokeFunction", Map.of("Ref", "TrainerFunction.Alias"),
                "emr-serverless:StartJobRun", Map.of("Fn::GetAtt", List.of("SparkApplication", "Arn")),
                "emr-serverless:GetJobRun", Map.of("Fn::Sub", "${SparkApplication.Arn}/jobruns/*"),
                "emr-serverless:CancelJobRun", Map.of("Fn::Sub", "${SparkApplication.Arn}/jobruns/*"),
                "iam:PassRole", Map.of("Fn::GetAtt", List.of("SparkJobRole", "Arn")),
                "events:PutTargets", Map.of("Fn::Sub", EMR_SYNC_RULE), "events:PutRule", Map.of("Fn::Sub", EMR_SYNC_RULE),
                "events:DescribeRule", Map.of("Fn::Sub", EMR_SYNC_RULE)), grants);

        Map<String, Object> alarm = map(map(template.resources().get("SparkTrainingFailedAlarm")).get("Properties"));
        Set<String> watched = new TreeSet<>();
        for (Object query : (List<?>) alarm.get("Metrics")) {
            Map<String, Object> stat = map(map(query).getOrDefault("MetricStat", Map.of()));
            if (!stat.isEmpty()) {
                Map<String, Object> metric = map(stat.get("Metric"));
                assertEquals(List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", "SparkTrainingStateMachine"))),
                        metric.get("Dimensions"));
                watched.add(metric.get("Namespace") + " " + metric.get("MetricName"));
            }
        }
        assertEquals(Set.of("AWS/States ExecutionsFailed", "AWS/States ExecutionsTimedOut", "AWS/States ExecutionsAborted"), watched);
    }

    /** The EventBridge rule through which Step Functions waits on an EMR Serverless job run (.sync). */
    private static final String EMR_SYNC_RULE =
            "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForEMRServerlessJobRule";

    /** When Spark trains, the trainer may write the exports and read the candidates, and nothing else under the Spark prefix. */
    @Test
    void whenSparkTrainsTheTrainerWritesOnlyTheExportsAndReadsTheCandidates() {
        Map<String, Set<String>> grants = new TreeMap<>();
        List<Map<String, Object>> all = allowStatements("TrainerFunction", true);
        all.removeAll(allowStatements("TrainerFunction", false));
        all.forEach(statement -> actions(statement).forEach(a -> grants.computeIfAbsent(a, k -> new TreeSet<>())
                .add(String.valueOf(statement.get("Resource")))));
        String spark = "arn:${AWS::Partition}:s3:::${ModelBucket}/${SparkPrefix}/";
        assertEquals(Map.of(
                "s3:GetObject", Set.of("{Fn::Sub=" + spark + "exports/*}", "{Fn::Sub=" + spark + "candidates/*}"),
                "s3:PutObject", Set.of("{Fn::Sub=" + spark + "exports/*}"),
                "s3:DeleteObject", Set.of("{Fn::Sub=" + spark + "exports/*}"),
                "s3:ListBucket", Set.of("{Fn::GetAtt=[ModelBucket, Arn]}")), grants);
        assertEquals(Map.of("Ref", "SparkPrefix"), map(map(functions.get("TrainerFunction").get("Environment")).get("Variables"))
                .get("SPARK_PREFIX"), "the steps write where the job's role reads");
    }

    @Test
    void theTrainerRunsOneAtATimeOnAReservedConcurrencyOfOne() {
        assertEquals(1, functions.get("TrainerFunction").get("ReservedConcurrentExecutions"));
    }

    private static Map<String, Map<String, Object>> alarms() {
        Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> alarms.put(id, map(alarm.get("Properties"))));
        return alarms;
    }

    private static List<Map<String, Object>> alarmsOn(String namespace, String metric, String dimension, Object value) {
        return alarms().values().stream().filter(alarm -> namespace.equals(alarm.get("Namespace")) && metric.equals(alarm.get("MetricName"))
                && List.of(Map.of("Name", dimension, "Value", value)).equals(alarm.get("Dimensions"))).toList();
    }

    /** Every alarm notifies the optional topic on alarm and on recovery, and nothing else. */
    @Test
    void everyAlarmNotifiesTheOptionalTopic() {
        Map<String, Object> topic = map(template.parameters().get("AlarmTopicArn"));
        assertEquals("", topic.get("Default"), "without a topic the alarms have no actions");
        Object actions = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")), Map.of("Ref", "AWS::NoValue")));
        assertFalse(alarms().isEmpty());
        alarms().forEach((id, alarm) -> {
            assertEquals(actions, alarm.get("AlarmActions"), id);
            assertEquals(actions, alarm.get("OKActions"), id);
            assertNotNull(alarm.get("AlarmDescription"), id);
            assertNotNull(alarm.get("TreatMissingData"), id);
        });
    }

    @Test
    void eachFunctionHasAnErrorsAndAThrottlesAlarm() {
        for (String id : functions.keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                List<Map<String, Object>> found = alarmsOn("AWS/Lambda", metric, "FunctionName", Map.of("Ref", id));
                assertEquals(1, found.size(), id + ": one " + metric + " alarm");
                assertEquals(1, ((Number) found.get(0).get("Threshold")).intValue(), id + ": the first " + metric);
                assertEquals("GreaterThanOrEqualToThreshold", found.get(0).get("ComparisonOperator"), id);
            }
        }
    }

    @Test
    void theDeadLetterQueueTheApis5xxRateAndAModelNotPublishedForTooLongAlarm() {
        List<Map<String, Object>> dlq = alarmsOn("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName",
                Map.of("Fn::GetAtt", List.of("RecalculationDeadLetterQueue", "QueueName")));
        assertEquals(1, dlq.size(), "an alarm when the dead-letter queue is not empty");
        assertEquals(1, ((Number) dlq.get(0).get("Threshold")).intValue());

        List<Map<String, Object>> api = alarms().values().stream().filter(alarm -> String.valueOf(alarm.get("Metrics")).contains("5xx")).toList();
        assertEquals(1, api.size(), "an alarm on the HTTP API's 5xx rate");
        String metrics = String.valueOf(api.get(0).get("Metrics"));
        assertTrue(metrics.contains("Value={Ref=HttpApi}") && metrics.contains("MetricName=Count") && metrics.contains("errors / requests"), metrics);

        List<Map<String, Object>> published = alarmsOn("musicrec", "ModelsPublished", "Service", "trainer");
        assertEquals(1, published.size(), "an alarm when no model was published for ModelMaxAgeHours");
        Map<String, Object> alarm = published.get(0);
        assertEquals(3600, ((Number) alarm.get("Period")).intValue());
        assertEquals(Map.of("Ref", "ModelMaxAgeHours"), alarm.get("EvaluationPeriods"));
        assertEquals(Map.of("Ref", "ModelMaxAgeHours"), alarm.get("DatapointsToAlarm"));
        assertEquals("LessThanThreshold", alarm.get("ComparisonOperator"));
        assertEquals("breaching", alarm.get("TreatMissingData"), "an hour without a run counts as an hour without a publish");
        int maxHours = ((Number) map(template.parameters().get("ModelMaxAgeHours")).get("MaxValue")).intValue();
        assertTrue(maxHours * 3600 <= 604_800, "CloudWatch evaluates at most seven days");
    }

    @Test
    void theAlarmsMetricNamesAreTheOnesTheCodeEmits() throws Exception {
        try (FunctionJar trainer = new FunctionJar(codeUri(functions.get("TrainerFunction")))) {
            Class<?> metrics = trainer.load("io.musicrec.platform.metrics.Metrics");
            assertEquals("musicrec", metrics.getField("NAMESPACE").get(null));
            assertEquals("Service", metrics.getField("SERVICE").get(null));
            Class<?> retrain = trainer.load("io.musicrec.trainer.TrainerHandler");
            Field published = retrain.getDeclaredField("MODELS_PUBLISHED");
            published.setAccessible(true);
            assertEquals("ModelsPublished", published.get(null));
            Field service = retrain.getDeclaredField("SERVICE");
            service.setAccessible(true);
            assertEquals("trainer", service.get(null));
        }
    }

    @Test
    void theWebAppIsAPrivateBucketThatOnlyItsDistributionReadsOverHttpsWithAPolicyAllowingOnlyTheApiSpotifyAndSignIn() {
        Map<String, Object> bucket = map(map(template.resources().get("AppBucket")).get("Properties"));
        map(bucket.get("PublicAccessBlockConfiguration")).values().forEach(v -> assertEquals(Boolean.TRUE, v));
        assertEquals(4, map(bucket.get("PublicAccessBlockConfiguration")).size());
        String policy = map(template.resources().get("AppBucketPolicy")).toString();
        assertTrue(policy.contains("cloudfront.amazonaws.com") && policy.contains("AWS:SourceArn")
                && policy.contains("distribution/${AppDistribution}"), "only this distribution reads: " + policy);
        assertTrue(policy.contains("aws:SecureTransport=false"), policy);

        Map<String, Object> distribution = map(map(map(template.resources().get("AppDistribution")).get("Properties")).get("DistributionConfig"));
        Map<String, Object> origin = map(((List<?>) distribution.get("Origins")).get(0));
        assertEquals(Map.of("Fn::GetAtt", List.of("AppOriginAccessControl", "Id")), origin.get("OriginAccessControlId"));
        Map<String, Object> behaviour = map(distribution.get("DefaultCacheBehavior"));
        assertEquals("redirect-to-https", behaviour.get("ViewerProtocolPolicy"));
        assertEquals(Map.of("Ref", "AppSecurityHeaders"), behaviour.get("ResponseHeadersPolicyId"));

        Map<String, Object> headers = map(map(map(map(template.resources().get("AppSecurityHeaders")).get("Properties"))
                .get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig"));
        String csp = String.valueOf(((List<?>) map(map(headers.get("ContentSecurityPolicy")).get("ContentSecurityPolicy")).get("Fn::Sub")).get(0));
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "img-src 'self' https://i.scdn.co data:",
                "connect-src 'self' https://*.execute-api.${AWS::Region}.${AWS::URLSuffix} ${SignIn}", "frame-src https://open.spotify.com",
                "frame-ancestors 'none'")) {
            assertTrue(csp.contains(directive + ";") || csp.endsWith(directive), directive + " in " + csp);
        }
        assertNotNull(headers.get("StrictTransportSecurity"));

        // The hosted-UI client: the code flow only, no secret in a browser, back to the app's origin.
        Map<String, Object> client = map(map(template.resources().get("UserPoolClient")).get("Properties"));
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"));
        assertEquals(Boolean.FALSE, client.get("GenerateSecret"));
        assertEquals(List.of(Map.of("Fn::Sub", "https://${AppDistribution.DomainName}/")), client.get("CallbackURLs"));
    }

    @Test
    void theModelBucketIsVersionedEncryptedPrivateAndTlsOnly() {
        Map<String, Object> bucket = map(map(template.resources().get("ModelBucket")).get("Properties"));
        assertEquals("Enabled", map(bucket.get("VersioningConfiguration")).get("Status"));
        assertNotNull(bucket.get("BucketEncryption"));
        Map<String, Object> block = map(bucket.get("PublicAccessBlockConfiguration"));
        assertEquals(Set.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"), block.keySet());
        block.values().forEach(v -> assertEquals(Boolean.TRUE, v));
        String policy = template.resourcesOfType("AWS::S3::BucketPolicy").values().toString();
        assertTrue(policy.contains("aws:SecureTransport=false") && policy.contains("Deny"), policy);
    }
}
