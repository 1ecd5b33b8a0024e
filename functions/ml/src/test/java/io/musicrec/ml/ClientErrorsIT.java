package io.musicrec.ml;

import static io.musicrec.http.testing.SampleHttpEvents.MODEL;
import static io.musicrec.http.testing.SampleHttpEvents.PLAY;
import static io.musicrec.http.testing.SampleHttpEvents.REGISTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.testing.ClientErrorWalk;
import io.musicrec.http.testing.ClientErrorWalk.Case;
import io.musicrec.http.testing.SampleHttpEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client error the ML function answers, each driven through the handler from the sample
 * events, checked for its status and its {@code {"error":{"code","message"}}} body; and what a
 * client sees when there is no model. The function stores nothing, so there is nothing written to
 * look for.
 */
class ClientErrorsIT {

    private static TestStack stack;
    private static ModelComponents components;
    private static ModelHandler handler;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        components = TestStack.components(stack.environment());
        handler = new ModelHandler(components);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    @Test
    void everyClientErrorIsA4xxWithItsCode() {
        String user = TestStack.newUser("rejected");
        List<Case> cases = new ArrayList<>();
        cases.add(ClientErrorWalk.notFound("unknown path", MODEL, user, "POST", "/model"));
        cases.add(ClientErrorWalk.notFound("trailing slash", MODEL, user, "POST", "/model/recommendations/"));
        cases.add(ClientErrorWalk.elsewhere(MODEL, user, "GET", "/recommendations"));
        cases.add(ClientErrorWalk.elsewhere(REGISTER, user, "POST", "/users"));
        cases.add(ClientErrorWalk.elsewhere(PLAY, user, "POST", "/plays"));
        cases.add(ClientErrorWalk.methodNotAllowed(MODEL, user, "GET", "/model/recommendations", "POST"));
        cases.addAll(ClientErrorWalk.withoutACaller(MODEL, user));

        // The query.
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
        // The body.
        addModel(cases, user, "no body", "n=10", null, 400, "invalid_body");
        addModel(cases, user, "object body", "n=10", "{\"artist_id\": 9, \"plays\": 10}", 400, "invalid_body");
        addModel(cases, user, "malformed body", "n=10", "[{\"artist_id\": 9, \"plays\": 10]", 400, "malformed_json");
        addModel(cases, user, "nested too deep", "n=10", "[".repeat(40) + "]".repeat(40), 400, "malformed_json");
        addModel(cases, user, "NUL bytes Jackson took for UTF-32", "n=10", "\u0000\u0000\u0000[]", 400, "malformed_json");
        cases.add(new Case("model: UTF-16 body", () -> SampleHttpEvents.query(SampleHttpEvents.base64Body(SampleHttpEvents.as(MODEL, user),
                "[{\"artist_id\": 9, \"plays\": 10}]".getBytes(StandardCharsets.UTF_16)), "n=10"), 400, "malformed_json"));
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
        addModel(cases, user, "too large", "n=10", "[" + " ".repeat(16_400) + "]", 413, "body_too_large");

        ClientErrorWalk.assertEveryCase("ml", handler, cases);
    }

    @Test
    void withoutAPublishedModelTheRouteIs503WithTheRequestIdAndNoDetails() {
        Map<String, String> env = stack.environment();
        String emptyBucket = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        try (var s3 = io.musicrec.platform.aws.AwsClients.s3(stack.models)) {
            s3.createBucket(b -> b.bucket(emptyBucket));
        }
        env.put("MODEL_BUCKET", emptyBucket);
        try (ModelComponents noModel = TestStack.components(env)) {
            APIGatewayV2HTTPResponse response = new ModelHandler(noModel).handle(
                    SampleHttpEvents.as(MODEL, TestStack.newUser("no-model")), null);

            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("model_unavailable", SampleHttpEvents.errorCode(response));
            String requestId = SampleHttpEvents.load(MODEL).getRequestContext().getRequestId();
            assertTrue(response.getBody().contains(requestId), "names the request id: " + response.getBody());
            for (String secret : new String[] {"exception", "s3", "bucket", emptyBucket, "127.0.0.1", "at io."}) {
                assertFalse(response.getBody().toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
                        "leaks '" + secret + "': " + response.getBody());
            }
        }
    }

    private static void addModel(List<Case> cases, String user, String name, String query, String body, int status, String code) {
        cases.add(new Case("model: " + name, () -> SampleHttpEvents.query(SampleHttpEvents.body(SampleHttpEvents.as(MODEL, user), body), query),
                status, code));
    }
}
