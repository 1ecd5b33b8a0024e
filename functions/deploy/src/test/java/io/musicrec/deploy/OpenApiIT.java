package io.musicrec.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.local.services.LocalServices;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code functions/http/openapi.yaml} against the template, the route table and the handlers: a valid OpenAPI 3
 * document, its routes exactly the template's HttpApi routes, and each route served by the handler
 * the template sends it to (the shaded jar in a fresh JVM, built through its public constructor):
 * a documented route without claims gets 401 from its own function (not 404/405), and 404 from the
 * other one; an undocumented path gets 404, an undocumented method on a documented path 405. The
 * cache codec's documents are what the document's schema describes.
 */
class OpenApiIT {

    static OpenAPI document;
    static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(Repository.openApi()), null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(),
                "the OpenAPI parser's messages for " + Repository.openApi());
        document = result.getOpenAPI();
        assertNotNull(document, "not an OpenAPI document");
        template = SamTemplate.load(Repository.template());
    }

    /** {@code METHOD /path} of every documented operation. */
    static Set<String> documentedRoutes() {
        Set<String> routes = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> routes.add(method.name() + " " + path)));
        return routes;
    }

    @Test
    void theDocumentIsOpenApi3WithBearerJwtOnEveryOperationAndTheErrorShapeOnEvery4xx() {
        assertTrue(document.getOpenapi().startsWith("3."), document.getOpenapi());
        assertNotNull(document.getInfo().getTitle());
        assertNotNull(document.getInfo().getVersion());
        SecurityScheme bearer = document.getComponents().getSecuritySchemes().get("bearerJwt");
        assertEquals(SecurityScheme.Type.HTTP, bearer.getType());
        assertEquals("bearer", bearer.getScheme());
        assertEquals("JWT", bearer.getBearerFormat());
        assertTrue(document.getSecurity().stream().anyMatch(requirement -> requirement.containsKey("bearerJwt")));
        List<String> problems = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String route = method + " " + path;
            if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
                problems.add(route + " opts out of the JWT");
            }
            if (operation.getOperationId() == null) {
                problems.add(route + " has no operationId");
            }
            boolean success = false;
            for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
                ApiResponse body = response.getValue();
                if (body.get$ref() != null) {
                    body = document.getComponents().getResponses().get(body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1));
                    if (body == null) {
                        problems.add(route + " " + response.getKey() + " refers to a missing response " + response.getValue().get$ref());
                        continue;
                    }
                }
                MediaType json = body.getContent() == null ? null : body.getContent().get("application/json");
                if (response.getKey().startsWith("2")) {
                    success |= json != null && json.getSchema() != null;
                }
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    String ref = json == null || json.getSchema() == null ? null : json.getSchema().get$ref();
                    if (!"#/components/schemas/Error".equals(ref)) {
                        problems.add(route + " " + response.getKey() + " is not the error shape: " + ref);
                    }
                }
            }
            if (!success) {
                problems.add(route + " documents no 2xx JSON body");
            }
            if (!operation.getResponses().containsKey("401")) {
                problems.add(route + " does not document 401");
            }
            if (Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT).contains(method)
                    && (operation.getRequestBody() == null || operation.getRequestBody().getContent().get("application/json") == null)) {
                problems.add(route + " has no JSON request body schema");
            }
        }));
        assertEquals(List.of(), problems);
        var error = document.getComponents().getSchemas().get("Error");
        assertEquals(List.of("error"), error.getRequired());
        @SuppressWarnings("unchecked")
        var inner = (io.swagger.v3.oas.models.media.Schema<Object>) error.getProperties().get("error");
        assertEquals(List.of("code", "message"), inner.getRequired());
    }

    @Test
    void theRecommendationDocumentSchemaDescribesWhatTheCacheCodecWrites() throws IOException {
        Schema<?> schema = document.getComponents().getSchemas().get("RecommendationDocument");
        @SuppressWarnings("unchecked")
        List<Object> statuses = (List<Object>) schema.getProperties().get("status").getEnum();
        assertEquals(Arrays.stream(RecommendationDocument.Status.values()).map(RecommendationDocument.Status::label).toList(), statuses);
        Instant at = Instant.parse("2026-11-28T15:48:12.345Z");
        List<RecommendationDocument> documents = List.of(RecommendationDocument.empty(),
                new RecommendationDocument(RecommendationDocument.Status.SUGGESTIONS, null, at, 0,
                        List.of(new RecommendationDocument.Item(7, "Björk", null, null, null, 0, List.of()))),
                new RecommendationDocument(RecommendationDocument.Status.READY, "als-1", at, 15,
                        List.of(new RecommendationDocument.Item(289, "Radiohead", "Creep", "https://i.scdn.co/image/ab67",
                                "https://open.spotify.com/track/70LcF31", 0.5, List.of(9, 12)))));
        List<String> problems = new ArrayList<>();
        for (RecommendationDocument written : documents) {
            String json = CacheJson.write(written);
            conforms(new ObjectMapper().readTree(json), schema, json, problems);
        }
        assertEquals(List.of(), problems);
    }

    /** Adds to {@code problems} where {@code value} is not what {@code schema} (resolved, OpenAPI 3.0) allows. */
    private static void conforms(JsonNode value, Schema<?> schema, String where, List<String> problems) {
        if (schema.get$ref() != null) {
            schema = document.getComponents().getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable())) {
                problems.add(where + ": null where the schema does not allow it");
            }
            return;
        }
        boolean typed = switch (schema.getType()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
        if (!typed) {
            problems.add(where + ": " + value + " is not " + schema.getType());
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().contains(value.asText())) {
            problems.add(where + ": " + value + " is not one of " + schema.getEnum());
        }
        if ("date-time".equals(schema.getFormat())) {
            Instant.parse(value.asText());
        }
        if (value.isObject()) {
            List<String> fields = new ArrayList<>();
            value.fieldNames().forEachRemaining(fields::add);
            if (!fields.containsAll(schema.getRequired())) {
                problems.add(where + ": fields " + fields + " lack some of " + schema.getRequired());
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                Schema<?> property = schema.getProperties().get(name);
                if (property == null) {
                    problems.add(where + ": " + name + " is not in the schema");
                } else {
                    conforms(value.get(name), property, where + "." + name, problems);
                }
            }
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                conforms(value.get(i), schema.getItems(), where + "[" + i + "]", problems);
            }
        }
    }

    @Test
    void theDocumentedRoutesAreExactlyTheTemplatesRoutes() {
        assertEquals(new TreeSet<>(template.routes().keySet()), documentedRoutes());
    }

    /** What each HTTP function says it serves ({@code ROUTES}, {@code METHOD /path}), read from its own jar. */
    @Test
    void theDocumentedRoutesAreExactlyWhatTheHandlersDeclareTheyServe() throws Exception {
        Map<String, Map<String, Object>> functions = template.functions();
        Set<String> declared = new TreeSet<>();
        for (String functionId : new TreeSet<>(template.routes().values())) {
            Map<String, Object> function = functions.get(functionId);
            try (FunctionJar jar = new FunctionJar(Repository.root().resolve(String.valueOf(function.get("CodeUri"))))) {
                Class<?> handler = jar.load(String.valueOf(function.get("Handler")).split("::")[0]);
                Object routes = handler.getField("ROUTES").get(null);
                for (Object route : (List<?>) routes) {
                    assertEquals(functionId, template.routes().get(String.valueOf(route)),
                            handler.getName() + " serves " + route + ", which the template does not send it");
                    declared.add(String.valueOf(route));
                }
            }
        }
        assertEquals(documentedRoutes(), declared);
    }

    @Test
    void eachDocumentedRouteIsServedByItsFunctionAndByNoOther() throws Exception {
        Map<String, Map<String, Object>> functions = template.functions();
        Map<String, String> routes = template.routes();
        Set<String> httpFunctions = new TreeSet<>(routes.values());
        Map<String, String> failures = new TreeMap<>();
        try (LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.REDIS), System::getenv)) {
            String redisUrl = services.redisUrl().orElseThrow();
            for (String functionId : httpFunctions) {
                Map<String, Object> function = functions.get(functionId);
                Map<String, Integer> expected = new LinkedHashMap<>();
                Set<String> ownPaths = new TreeSet<>();
                routes.forEach((route, owner) -> {
                    expected.put(route, owner.equals(functionId) ? 401 : 404);
                    if (owner.equals(functionId)) {
                        ownPaths.add(route.split(" ", 2)[1]);
                    }
                });
                expected.put("GET /undocumented", 404);
                expected.put("POST /users/extra", 404);
                for (String path : ownPaths) {
                    Set<String> methods = new TreeSet<>();
                    routes.keySet().stream().filter(r -> r.endsWith(" " + path)).forEach(r -> methods.add(r.split(" ")[0]));
                    for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                        if (!methods.contains(method)) {
                            expected.put(method + " " + path, 405);
                        }
                    }
                }
                Map<String, Integer> actual = probe(Repository.root().resolve(String.valueOf(function.get("CodeUri"))),
                        String.valueOf(function.get("Handler")).split("::")[0], expected.keySet(), redisUrl);
                expected.forEach((route, status) -> {
                    if (!status.equals(actual.get(route))) {
                        failures.put(functionId + " " + route, "expected " + status + ", got " + actual.get(route));
                    }
                });
                System.out.println(functionId + " answered " + actual);
            }
        }
        assertEquals(Map.of(), failures);
    }

    private static final Pattern PROBE_LINE = Pattern.compile("^PROBE (\\S+ \\S+) (\\d{3})$", Pattern.MULTILINE);

    private static Map<String, Integer> probe(Path jar, String handler, Set<String> routes, String redisUrl) throws Exception {
        String classpath = String.join(File.pathSeparator, jar.toAbsolutePath().toString(), location(HandlerProbe.class),
                location(LambdaEventSerializers.class));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, HandlerProbe.class.getName(), handler);
        builder.redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // The API handler reads everything at construction but connects only to Redis then; the
        // other endpoints are never reached by a request without claims.
        environment.put("REDIS_URL", redisUrl);
        environment.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/probe");
        environment.put("QUEUE_URL", "http://127.0.0.1:9/000000000000/probe");
        environment.put("SQS_ENDPOINT", "http://127.0.0.1:9");
        environment.put("MODEL_BUCKET", "probe-bucket");
        environment.put("S3_ENDPOINT", "http://127.0.0.1:9");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "probe");
        environment.put("AWS_SECRET_ACCESS_KEY", "probe");
        environment.put("LOG_LEVEL", "WARN");
        environment.remove("SPOTIFY_CLIENT_ID");
        environment.remove("SPOTIFY_CLIENT_SECRET");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((String.join("\n", routes) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), output);
        Map<String, Integer> statuses = new TreeMap<>();
        Matcher lines = PROBE_LINE.matcher(output);
        while (lines.find()) {
            statuses.put(lines.group(1), Integer.parseInt(lines.group(2)));
        }
        assertFalse(statuses.isEmpty(), output);
        return statuses;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
