package io.musicrec.api;

import static io.musicrec.api.Events.MODEL;
import static io.musicrec.api.Events.PLAY;
import static io.musicrec.api.Events.REGISTER;
import static io.musicrec.api.Events.SEARCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.RedisRecommendationCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client error the API answers, each driven through the handler from the sample events,
 * checked for its status, its {@code {"error":{"code","message"}}} body, and that nothing was
 * written anywhere: no row in PostgreSQL, no document in Redis, no message on the queue.
 */
class ClientErrorsIT {

    private static TestStack stack;
    private static String queue;
    private static ApiComponents components;
    private static ApiHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        queue = stack.newQueue();
        components = TestStack.components(stack.environment(queue), 1);
        handler = new ApiHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    /** One rejected request: what to send and what must come back. */
    private record Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String code, String allow) {
        Case(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String code) {
            this(name, event, status, code, null);
        }
    }

    @Test
    void everyClientErrorIsA4xxWithItsCodeAndNothingIsWritten() {
        String user = TestStack.newUser("rejected");
        long users = stack.count("SELECT count(*) FROM users");
        long plays = stack.count("SELECT count(*) FROM user_artist_plays");
        long outbox = stack.count("SELECT count(*) FROM recalculation_outbox");

        List<String> failures = new ArrayList<>();
        List<Case> cases = cases(user);
        for (Case c : cases) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(c.event().get(), null);
            String code;
            try {
                code = Events.errorCode(response);
            } catch (AssertionError e) {
                failures.add(c.name() + ": " + e.getMessage());
                continue;
            }
            if (response.getStatusCode() != c.status() || !code.equals(c.code())) {
                failures.add(c.name() + ": expected " + c.status() + " " + c.code() + ", got " + response.getStatusCode() + " "
                        + response.getBody());
            }
            if (c.allow() != null && !c.allow().equals(response.getHeaders().get("allow"))) {
                failures.add(c.name() + ": expected Allow: " + c.allow() + ", got " + response.getHeaders());
            }
            if (!"application/json".equals(response.getHeaders().get("content-type"))) {
                failures.add(c.name() + ": content-type " + response.getHeaders().get("content-type"));
            }
        }

        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases answered wrongly");
        assertEquals(0, stack.rowsOf(user), "no row for the rejected caller");
        assertEquals(users, stack.count("SELECT count(*) FROM users"), "no user row at all");
        assertEquals(plays, stack.count("SELECT count(*) FROM user_artist_plays"), "no play row at all");
        assertEquals(outbox, stack.count("SELECT count(*) FROM recalculation_outbox"), "no outbox row at all");
        assertTrue(new RedisRecommendationCache(stack.redis).getJson(user).isEmpty(), "no document in Redis");
        assertEquals(List.of(), stack.drain(queue, Duration.ofSeconds(1)), "no message on the queue");
        System.out.println("ClientErrorsIT: " + cases.size() + " rejected requests, each with its status and code, nothing written");
    }

    private static List<Case> cases(String user) {
        List<Case> cases = new ArrayList<>();
        // Routing: before anything else.
        cases.add(new Case("unknown path", () -> Events.route(Events.as(PLAY, user), "GET", "/nope"), 404, "not_found"));
        cases.add(new Case("trailing slash", () -> Events.route(Events.as(PLAY, user), "POST", "/plays/"), 404, "not_found"));
        cases.add(new Case("path case", () -> Events.route(Events.as(PLAY, user), "POST", "/Plays"), 404, "not_found"));
        cases.add(new Case("the reader's route", () -> Events.route(Events.as(PLAY, user), "GET", "/recommendations"), 404, "not_found"));
        cases.add(new Case("DELETE /plays", () -> Events.route(Events.as(PLAY, user), "DELETE", "/plays"), 405, "method_not_allowed", "POST"));
        cases.add(new Case("GET /plays", () -> Events.route(Events.as(PLAY, user), "GET", "/plays"), 405, "method_not_allowed", "POST"));
        cases.add(new Case("GET /users", () -> Events.route(Events.as(REGISTER, user), "GET", "/users"), 405, "method_not_allowed", "POST"));
        cases.add(new Case("PUT /artists", () -> Events.route(Events.as(SEARCH, user), "PUT", "/artists"), 405, "method_not_allowed", "GET"));
        cases.add(new Case("GET /model/recommendations", () -> Events.route(Events.as(MODEL, user), "GET", "/model/recommendations"),
                405, "method_not_allowed", "POST"));

        // No usable caller, on every route.
        for (String file : List.of(REGISTER, PLAY, MODEL, SEARCH)) {
            cases.add(new Case("no authorizer " + file, () -> Events.anonymous(Events.as(file, user)), 401, "unauthorized"));
            cases.add(new Case("no claims " + file, () -> withClaims(Events.as(file, user), null), 401, "unauthorized"));
            cases.add(new Case("no sub " + file, () -> withClaims(Events.as(file, user), Map.of("iss", "https://issuer")), 401, "unauthorized"));
            cases.add(new Case("blank sub " + file, () -> Events.as(file, "  "), 401, "unauthorized"));
            cases.add(new Case("overlong sub " + file, () -> Events.as(file, "u".repeat(256)), 401, "unauthorized"));
            cases.add(new Case("lone surrogate sub " + file, () -> Events.as(file, "user\uD800"), 401, "unauthorized"));
        }

        // POST /plays: the body.
        addPlayBody(cases, user, "no body", null, 400, "invalid_body");
        addPlayBody(cases, user, "blank body", "  \n ", 400, "invalid_body");
        addPlayBody(cases, user, "truncated JSON", "{\"artist_id\": 289", 400, "malformed_json");
        addPlayBody(cases, user, "trailing garbage", "{\"artist_id\": 289} x", 400, "malformed_json");
        addPlayBody(cases, user, "two values", "{\"artist_id\": 289}{}", 400, "malformed_json");
        addPlayBody(cases, user, "single quotes", "{'artist_id': 289}", 400, "malformed_json");
        addPlayBody(cases, user, "comment", "{\"artist_id\": 289 /* hi */}", 400, "malformed_json");
        addPlayBody(cases, user, "NaN", "{\"artist_id\": NaN}", 400, "malformed_json");
        addPlayBody(cases, user, "leading zero", "{\"artist_id\": 0289}", 400, "malformed_json");
        addPlayBody(cases, user, "duplicate key", "{\"artist_id\": 289, \"artist_id\": 290}", 400, "duplicate_field");
        addPlayBody(cases, user, "array body", "[289]", 400, "invalid_body");
        addPlayBody(cases, user, "number body", "289", 400, "invalid_body");
        addPlayBody(cases, user, "null body", "null", 400, "invalid_body");
        addPlayBody(cases, user, "missing field", "{}", 400, "missing_field");
        addPlayBody(cases, user, "wrong field", "{\"artistId\": 289}", 400, "unknown_field");
        addPlayBody(cases, user, "extra field", "{\"artist_id\": 289, \"plays\": 2}", 400, "unknown_field");
        addPlayBody(cases, user, "id as string", "{\"artist_id\": \"289\"}", 400, "invalid_type");
        addPlayBody(cases, user, "id with fraction", "{\"artist_id\": 9.5}", 400, "invalid_type");
        addPlayBody(cases, user, "id as 9.0", "{\"artist_id\": 9.0}", 400, "invalid_type");
        addPlayBody(cases, user, "id with exponent", "{\"artist_id\": 1e2}", 400, "invalid_type");
        addPlayBody(cases, user, "id true", "{\"artist_id\": true}", 400, "invalid_type");
        addPlayBody(cases, user, "id null", "{\"artist_id\": null}", 400, "invalid_type");
        addPlayBody(cases, user, "id object", "{\"artist_id\": {\"id\": 289}}", 400, "invalid_type");
        addPlayBody(cases, user, "id zero", "{\"artist_id\": 0}", 400, "out_of_range");
        addPlayBody(cases, user, "id negative", "{\"artist_id\": -289}", 400, "out_of_range");
        addPlayBody(cases, user, "id beyond int", "{\"artist_id\": 2147483648}", 400, "out_of_range");
        addPlayBody(cases, user, "id beyond long", "{\"artist_id\": 123456789012345678901234567890}", 400, "out_of_range");
        addPlayBody(cases, user, "unknown artist", "{\"artist_id\": 2147483647}", 404, "unknown_artist");
        addPlayBody(cases, user, "too large", "{\"artist_id\": 289" + " ".repeat(16_400) + "}", 413, "body_too_large");
        // 9,000 characters, 18,000 bytes: the limit counts bytes.
        addPlayBody(cases, user, "too large in bytes", "{\"artist_id\": 289, \"note\": \"" + "é".repeat(9_000) + "\"}", 413, "body_too_large");
        cases.add(new Case("too large once base64-decoded", () -> Events.base64Body(Events.as(PLAY, user),
                ("{\"artist_id\": 289" + " ".repeat(16_400) + "}").getBytes(StandardCharsets.UTF_8)), 413, "body_too_large"));
        cases.add(new Case("not base64", () -> {
            APIGatewayV2HTTPEvent event = Events.body(Events.as(PLAY, user), "{\"artist_id\": 289}");
            event.setIsBase64Encoded(true);
            return event;
        }, 400, "invalid_body"));
        cases.add(new Case("invalid UTF-8", () -> Events.base64Body(Events.as(PLAY, user),
                new byte[] {'{', '"', 'a', (byte) 0xFF, '"', ':', ' ', '1', '}'}), 400, "malformed_json"));
        cases.add(new Case("query on POST /plays", () -> Events.query(Events.as(PLAY, user), "artist_id=289"), 400, "unknown_parameter"));

        // POST /model/recommendations: the query.
        addModel(cases, user, "n zero", "n=0", "[]", 400, "out_of_range");
        addModel(cases, user, "n 501", "n=501", "[]", 400, "out_of_range");
        addModel(cases, user, "n huge", "n=99999999999999999999", "[]", 400, "out_of_range");
        addModel(cases, user, "n negative", "n=-1", "[]", 400, "out_of_range");
        addModel(cases, user, "n word", "n=ten", "[]", 400, "invalid_parameter");
        addModel(cases, user, "n fraction", "n=1.5", "[]", 400, "invalid_parameter");
        addModel(cases, user, "n empty", "n=", "[]", 400, "invalid_parameter");
        addModel(cases, user, "n twice", "n=10&n=20", "[]", 400, "duplicate_parameter");
        addModel(cases, user, "mode unknown", "n=10&mode=best", "[]", 400, "invalid_parameter");
        addModel(cases, user, "extra parameter", "n=10&user=alice", "[]", 400, "unknown_parameter");
        addModel(cases, user, "malformed escape", "n=%zz", "[]", 400, "invalid_parameter");
        // POST /model/recommendations: the body.
        addModel(cases, user, "no body", "n=10", null, 400, "invalid_body");
        addModel(cases, user, "object body", "n=10", "{\"artist_id\": 9, \"plays\": 10}", 400, "invalid_body");
        addModel(cases, user, "malformed body", "n=10", "[{\"artist_id\": 9, \"plays\": 10]", 400, "malformed_json");
        addModel(cases, user, "nested too deep", "n=10", "[".repeat(40) + "]".repeat(40), 400, "malformed_json");
        addModel(cases, user, "entry not object", "n=10", "[9]", 400, "invalid_type");
        addModel(cases, user, "entry missing plays", "n=10", "[{\"artist_id\": 9}]", 400, "missing_field");
        addModel(cases, user, "entry missing id", "n=10", "[{\"plays\": 9}]", 400, "missing_field");
        addModel(cases, user, "entry extra field", "n=10", "[{\"artist_id\": 9, \"plays\": 10, \"name\": \"x\"}]", 400, "unknown_field");
        addModel(cases, user, "entry duplicate key", "n=10", "[{\"artist_id\": 9, \"plays\": 10, \"plays\": 11}]", 400, "duplicate_field");
        addModel(cases, user, "plays as string", "n=10", "[{\"artist_id\": 9, \"plays\": \"10\"}]", 400, "invalid_type");
        addModel(cases, user, "plays fraction", "n=10", "[{\"artist_id\": 9, \"plays\": 2.5}]", 400, "invalid_type");
        addModel(cases, user, "plays zero", "n=10", "[{\"artist_id\": 9, \"plays\": 0}]", 400, "out_of_range");
        addModel(cases, user, "plays negative", "n=10", "[{\"artist_id\": 9, \"plays\": -3}]", 400, "out_of_range");
        addModel(cases, user, "id zero", "n=10", "[{\"artist_id\": 0, \"plays\": 3}]", 400, "out_of_range");
        addModel(cases, user, "id beyond int", "n=10", "[{\"artist_id\": 4294967296, \"plays\": 3}]", 400, "out_of_range");
        addModel(cases, user, "duplicate artist", "n=10", "[{\"artist_id\": 9, \"plays\": 3}, {\"artist_id\": 289, \"plays\": 1}, "
                + "{\"artist_id\": 9, \"plays\": 2}]", 400, "duplicate_artist");

        // POST /users.
        cases.add(new Case("register with array body", () -> Events.body(Events.as(REGISTER, user), "[]"), 400, "invalid_body"));
        cases.add(new Case("register with a field", () -> Events.body(Events.as(REGISTER, user), "{\"name\": \"alice\"}"), 400, "unknown_field"));
        cases.add(new Case("register with bad JSON", () -> Events.body(Events.as(REGISTER, user), "{"), 400, "malformed_json"));
        cases.add(new Case("register with a query", () -> Events.query(Events.as(REGISTER, user), "sub=alice"), 400, "unknown_parameter"));
        cases.add(new Case("register too large", () -> Events.body(Events.as(REGISTER, user), "{}" + " ".repeat(16_383)), 413, "body_too_large"));

        // GET /artists.
        addSearch(cases, user, "no query", "", 400, "missing_parameter");
        addSearch(cases, user, "only a limit", "limit=5", 400, "missing_parameter");
        addSearch(cases, user, "empty query", "query=", 400, "invalid_parameter");
        addSearch(cases, user, "blank query", "query=%20%20+", 400, "invalid_parameter");
        addSearch(cases, user, "query 201 characters", "query=" + "a".repeat(201), 400, "invalid_parameter");
        addSearch(cases, user, "limit zero", "query=radiohead&limit=0", 400, "out_of_range");
        addSearch(cases, user, "limit 101", "query=radiohead&limit=101", 400, "out_of_range");
        addSearch(cases, user, "limit word", "query=radiohead&limit=all", 400, "invalid_parameter");
        addSearch(cases, user, "query twice", "query=a&query=b", 400, "duplicate_parameter");
        addSearch(cases, user, "extra parameter", "query=radiohead&page=2", 400, "unknown_parameter");
        return cases;
    }

    private static void addPlayBody(List<Case> cases, String user, String name, String body, int status, String code) {
        cases.add(new Case("play: " + name, () -> Events.body(Events.as(PLAY, user), body), status, code));
    }

    private static void addModel(List<Case> cases, String user, String name, String query, String body, int status, String code) {
        cases.add(new Case("model: " + name, () -> Events.query(Events.body(Events.as(MODEL, user), body), query), status, code));
    }

    private static void addSearch(List<Case> cases, String user, String name, String query, int status, String code) {
        cases.add(new Case("search: " + name, () -> Events.query(Events.as(SEARCH, user), query), status, code));
    }

    private static APIGatewayV2HTTPEvent withClaims(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims == null ? null : new HashMap<>(claims));
        return event;
    }
}
