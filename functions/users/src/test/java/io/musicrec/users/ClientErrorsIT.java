package io.musicrec.users;

import static io.musicrec.http.testing.SampleHttpEvents.MODEL;
import static io.musicrec.http.testing.SampleHttpEvents.PLAY;
import static io.musicrec.http.testing.SampleHttpEvents.REGISTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.http.testing.ClientErrorWalk;
import io.musicrec.http.testing.ClientErrorWalk.Case;
import io.musicrec.http.testing.SampleHttpEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client error the users function answers, each driven through the handler from the sample
 * events, checked for its status, its {@code {"error":{"code","message"}}} body, and that nothing
 * was written anywhere this function writes: no user row in PostgreSQL, no document in Redis.
 */
class ClientErrorsIT {

    private static TestStack stack;
    private static UsersComponents components;
    private static UsersHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        components = TestStack.components(stack.environment(), 1);
        handler = new UsersHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    @Test
    void everyClientErrorIsA4xxWithItsCodeAndNothingIsWritten() {
        String user = TestStack.newUser("rejected");
        long users = stack.count("SELECT count(*) FROM users");

        List<Case> cases = new ArrayList<>();
        cases.add(ClientErrorWalk.notFound("unknown path", REGISTER, user, "POST", "/user"));
        cases.add(ClientErrorWalk.notFound("trailing slash", REGISTER, user, "POST", "/users/"));
        cases.add(ClientErrorWalk.notFound("path case", REGISTER, user, "POST", "/Users"));
        cases.add(ClientErrorWalk.elsewhere(REGISTER, user, "GET", "/recommendations"));
        cases.add(ClientErrorWalk.elsewhere(PLAY, user, "POST", "/plays"));
        cases.add(ClientErrorWalk.elsewhere(MODEL, user, "POST", "/model/recommendations"));
        cases.add(ClientErrorWalk.methodNotAllowed(REGISTER, user, "GET", "/users", "POST"));
        cases.add(ClientErrorWalk.methodNotAllowed(REGISTER, user, "DELETE", "/users", "POST"));
        cases.addAll(ClientErrorWalk.withoutACaller(REGISTER, user));
        cases.add(new Case("register with array body", () -> SampleHttpEvents.body(SampleHttpEvents.as(REGISTER, user), "[]"), 400, "invalid_body"));
        cases.add(new Case("register with a number body", () -> SampleHttpEvents.body(SampleHttpEvents.as(REGISTER, user), "7"), 400, "invalid_body"));
        cases.add(new Case("register with a field", () -> SampleHttpEvents.body(SampleHttpEvents.as(REGISTER, user), "{\"name\": \"alice\"}"),
                400, "unknown_field"));
        cases.add(new Case("register with bad JSON", () -> SampleHttpEvents.body(SampleHttpEvents.as(REGISTER, user), "{"), 400, "malformed_json"));
        cases.add(new Case("register with a UTF-32 body", () -> SampleHttpEvents.base64Body(SampleHttpEvents.as(REGISTER, user),
                new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'}), 400, "malformed_json"));
        cases.add(new Case("register with a duplicate key", () -> SampleHttpEvents.body(SampleHttpEvents.as(REGISTER, user), "{\"a\": 1, \"a\": 2}"),
                400, "duplicate_field"));
        cases.add(new Case("register with a query", () -> SampleHttpEvents.query(SampleHttpEvents.as(REGISTER, user), "sub=alice"), 400,
                "unknown_parameter"));
        cases.add(new Case("register too large", () -> SampleHttpEvents.body(SampleHttpEvents.as(REGISTER, user), "{}" + " ".repeat(16_383)),
                413, "body_too_large"));

        ClientErrorWalk.assertEveryCase("users", handler, cases);

        assertEquals(0, stack.count("SELECT count(*) FROM users WHERE id = ?", user), "no row for the rejected caller");
        assertEquals(users, stack.count("SELECT count(*) FROM users"), "no user row at all");
        assertTrue(new RedisRecommendationCache(stack.redis).getJson(user).isEmpty(), "no document in Redis");
    }
}
