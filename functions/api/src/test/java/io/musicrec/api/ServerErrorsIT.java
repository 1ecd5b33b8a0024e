package io.musicrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.testing.StalledServer;
import io.musicrec.platform.budget.TimeBudget;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client sees when the server side fails: a 5xx in the same error shape that names the
 * request id (for the logs) and nothing of the failure itself.
 */
class ServerErrorsIT {

    private static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
    }

    @Test
    void anUnexpectedFailureIs500WithTheRequestIdAndNoDetails() {
        ApiComponents components = TestStack.components(stack.environment(stack.newQueue()));
        ApiHandler handler = new ApiHandler(components);
        // Closed clients make every store call fail in ways no route expects (a closed Database throws IllegalStateException).
        components.close();

        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.PLAY, TestStack.newUser("broken")), null);

        assertEquals(500, response.getStatusCode(), response.getBody());
        assertEquals("internal_error", SampleHttpEvents.errorCode(response));
        assertNothingLeaks(response, "Cx1aRgB9IAMEV3Q=");
    }

    @Test
    void anUnreachableDatabaseIs503() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = stack.environment(stack.newQueue());
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres");
        try (ApiComponents components = TestStack.components(env)) {
            APIGatewayV2HTTPResponse response = new ApiHandler(components).handle(
                    SampleHttpEvents.as(SampleHttpEvents.SEARCH, TestStack.newUser("no-database")), null);

            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("service_unavailable", SampleHttpEvents.errorCode(response));
            assertNothingLeaks(response, "Cx1aTiPKoAMEVNw=");
        }
    }

    @Test
    void aDatabaseThatAcceptsAndNeverAnswersIs503WithinTheFunctionsBudget() {
        try (StalledServer frozen = StalledServer.start()) {
            Map<String, String> env = stack.environment(stack.newQueue());
            env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + frozen.port() + "/postgres");
            try (ApiComponents components = TestStack.components(env)) {
                long start = System.nanoTime();
                APIGatewayV2HTTPResponse response = new ApiHandler(components).handle(
                        SampleHttpEvents.as(SampleHttpEvents.PLAY, TestStack.newUser("frozen-database")), null);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(503, response.getStatusCode(), response.getBody());
                assertEquals("service_unavailable", SampleHttpEvents.errorCode(response));
                assertWithinTheDatabaseShare(took);
            }
        }
    }

    @Test
    void aDatabaseThatFreezesUnderAnOpenConnectionIs503WithinTheFunctionsBudget() {
        URI postgres = URI.create(stack.database.jdbcUrl().substring("jdbc:".length()));
        try (StalledServer path = StalledServer.forwardingTo(postgres.getHost(), postgres.getPort())) {
            Map<String, String> env = stack.environment(stack.newQueue());
            env.put("DATABASE_URL", stack.database.jdbcUrl().replace(postgres.getHost() + ":" + postgres.getPort(), "127.0.0.1:" + path.port()));
            try (ApiComponents components = TestStack.components(env)) {
                ApiHandler handler = new ApiHandler(components);
                String user = TestStack.newUser("freezing-database");
                assertEquals(200, handler.handle(SampleHttpEvents.as(SampleHttpEvents.PLAY, user), null).getStatusCode(), "answers before the freeze");

                path.stall();
                long start = System.nanoTime();
                APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.PLAY, user), null);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(503, response.getStatusCode(), response.getBody());
                assertWithinTheDatabaseShare(took);
            }
        }
    }

    /** A play's one database call gave up within its share: well inside the function's timeout, with room to answer. */
    private static void assertWithinTheDatabaseShare(Duration took) {
        ApiComponents.Limits limits = ApiComponents.Limits.of(ApiConfiguration.DEFAULT_TIMEOUT);
        assertTrue(took.compareTo(limits.database().plusMillis(500)) < 0, "gave up within the database's share "
                + limits.database() + ": took " + took);
        assertTrue(took.plus(TimeBudget.ANSWER_RESERVE).compareTo(ApiConfiguration.DEFAULT_TIMEOUT) < 0, took.toString());
    }

    private static void assertNothingLeaks(APIGatewayV2HTTPResponse response, String requestId) {
        String body = response.getBody();
        assertTrue(body.contains(requestId), "names the request id: " + body);
        for (String secret : new String[] {"exception", "sql", "postgres", "127.0.0.1", "closed", "jdbc", "at io.", "caused"}) {
            assertFalse(body.toLowerCase(Locale.ROOT).contains(secret), "leaks '" + secret + "': " + body);
        }
    }
}
