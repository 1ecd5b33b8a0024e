package io.musicrec.api;

import static io.musicrec.http.testing.SampleHttpEvents.PLAY;
import static io.musicrec.http.testing.SampleHttpEvents.REGISTER;
import static io.musicrec.http.testing.SampleHttpEvents.SEARCH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.musicrec.http.testing.ClientErrorWalk;
import io.musicrec.http.testing.ClientErrorWalk.Case;
import io.musicrec.http.testing.SampleHttpEvents;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client error the API function answers, each driven through the handler from the sample
 * events, checked for its status, its {@code {"error":{"code","message"}}} body, and that nothing
 * was written anywhere this function writes: no row in PostgreSQL, no message on the queue.
 * (Registration's and the ML route's client errors are the users and ML functions' own tests.)
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
        components = TestStack.components(stack.environment(queue));
        handler = new ApiHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    @Test
    void everyClientErrorIsA4xxWithItsCodeAndNothingIsWritten() {
        String user = TestStack.newUser("rejected");
        long users = stack.count("SELECT count(*) FROM users");
        long plays = stack.count("SELECT count(*) FROM user_artist_plays");
        long outbox = stack.count("SELECT count(*) FROM recalculation_outbox");

        ClientErrorWalk.assertEveryCase("api", handler, cases(user));

        assertEquals(0, stack.rowsOf(user), "no row for the rejected caller");
        assertEquals(users, stack.count("SELECT count(*) FROM users"), "no user row at all");
        assertEquals(plays, stack.count("SELECT count(*) FROM user_artist_plays"), "no play row at all");
        assertEquals(outbox, stack.count("SELECT count(*) FROM recalculation_outbox"), "no outbox row at all");
        assertEquals(List.of(), stack.drain(queue, Duration.ofSeconds(1)), "no message on the queue");
    }

    private static List<Case> cases(String user) {
        List<Case> cases = new ArrayList<>();
        // Routing: before anything else.
        cases.add(ClientErrorWalk.notFound("unknown path", PLAY, user, "GET", "/nope"));
        cases.add(ClientErrorWalk.notFound("trailing slash", PLAY, user, "POST", "/plays/"));
        cases.add(ClientErrorWalk.notFound("path case", PLAY, user, "POST", "/Plays"));
        cases.add(ClientErrorWalk.elsewhere(PLAY, user, "GET", "/recommendations"));
        cases.add(ClientErrorWalk.elsewhere(REGISTER, user, "POST", "/users"));
        cases.add(ClientErrorWalk.elsewhere(PLAY, user, "POST", "/model/recommendations"));
        cases.add(ClientErrorWalk.methodNotAllowed(PLAY, user, "DELETE", "/plays", "POST"));
        cases.add(ClientErrorWalk.methodNotAllowed(PLAY, user, "GET", "/plays", "POST"));
        cases.add(ClientErrorWalk.methodNotAllowed(SEARCH, user, "PUT", "/artists", "GET"));

        // No usable caller, on every route.
        for (String file : List.of(PLAY, SEARCH)) {
            cases.addAll(ClientErrorWalk.withoutACaller(file, user));
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
        cases.add(new Case("too large once base64-decoded", () -> SampleHttpEvents.base64Body(SampleHttpEvents.as(PLAY, user),
                ("{\"artist_id\": 289" + " ".repeat(16_400) + "}").getBytes(StandardCharsets.UTF_8)), 413, "body_too_large"));
        cases.add(new Case("not base64", () -> {
            APIGatewayV2HTTPEvent event = SampleHttpEvents.body(SampleHttpEvents.as(PLAY, user), "{\"artist_id\": 289}");
            event.setIsBase64Encoded(true);
            return event;
        }, 400, "invalid_body"));
        cases.add(new Case("invalid UTF-8", () -> SampleHttpEvents.base64Body(SampleHttpEvents.as(PLAY, user),
                new byte[] {'{', '"', 'a', (byte) 0xFF, '"', ':', ' ', '1', '}'}), 400, "malformed_json"));
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE")) {
            cases.add(new Case(charset + " body", () -> SampleHttpEvents.base64Body(SampleHttpEvents.as(PLAY, user),
                    "{\"artist_id\": 289}".getBytes(Charset.forName(charset))), 400, "malformed_json"));
        }
        cases.add(new Case("UTF-32 guess that is not (00 00 FF FE)", () -> SampleHttpEvents.base64Body(SampleHttpEvents.as(PLAY, user),
                new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'}), 400, "malformed_json"));
        addPlayBody(cases, user, "NUL bytes before the object, as text", "\u0000\u0000\u0000{\"artist_id\": 289}", 400, "malformed_json");
        addPlayBody(cases, user, "UTF-8 byte order mark", "\uFEFF{\"artist_id\": 289}", 400, "malformed_json");
        cases.add(new Case("overlong UTF-8", () -> SampleHttpEvents.base64Body(SampleHttpEvents.as(PLAY, user),
                new byte[] {'{', '"', (byte) 0xC1, (byte) 0xA1, '"', ':', '1', '}'}), 400, "malformed_json"));
        for (String key : List.of("", "  ", "\"\"", "a b", "a,b", "caf\u00e9", "k".repeat(256))) {
            cases.add(new Case("Idempotency-Key \"" + key + "\"", () -> SampleHttpEvents.header(
                    SampleHttpEvents.body(SampleHttpEvents.as(PLAY, user), "{\"artist_id\": 289}"), "idempotency-key", key), 400, "invalid_idempotency_key"));
        }
        cases.add(new Case("query on POST /plays", () -> SampleHttpEvents.query(SampleHttpEvents.as(PLAY, user), "artist_id=289"), 400, "unknown_parameter"));

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
        cases.add(new Case("play: " + name, () -> SampleHttpEvents.body(SampleHttpEvents.as(PLAY, user), body), status, code));
    }

    private static void addSearch(List<Case> cases, String user, String name, String query, int status, String code) {
        cases.add(new Case("search: " + name, () -> SampleHttpEvents.query(SampleHttpEvents.as(SEARCH, user), query), status, code));
    }
}
