package io.musicrec.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.cache.RecommendationDocument.Status;
import io.musicrec.cache.RedisRecommendationCache;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.SecretsManagerStandIn;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.users.Registration;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /users} through the handler, on real PostgreSQL (the catalog of the lastfm-2k model, so
 * its listeners), Redis and the Spotify stand-in.
 */
class RegistrationIT {

    private static TestStack stack;
    private static UsersComponents components;
    private static UsersHandler handler;
    private static RedisRecommendationCache cache;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        components = TestStack.components(stack.environment(), 42);
        handler = new UsersHandler(components);
        cache = new RedisRecommendationCache(stack.redis);
        // The first registration also fetches a Spotify token and warms the HTTP client; under a
        // loaded machine that can eat the lookup's time budget, which is not what these tests are about.
        handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("warm-up")), null);
    }

    @AfterAll
    static void stop() {
        components.close();
    }

    @Test
    void registeringTwiceAnswers201Then200WithTheSameSuggestions() {
        String user = TestStack.newUser("register-twice");

        APIGatewayV2HTTPResponse first = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null);
        APIGatewayV2HTTPResponse second = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null);

        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals(200, second.getStatusCode(), second.getBody());
        assertEquals(first.getBody(), second.getBody(), "the stored suggestions, not new ones");
        assertEquals(cache.getJson(user).orElseThrow(), first.getBody(), "what GET /recommendations will serve");
        assertEquals(1, stack.count("SELECT count(*) FROM users WHERE id = ?", user));
    }

    @Test
    void suggestionsAreTwentyDistinctListenedCatalogArtistsScoredByListenersWithSongsFromSpotify() {
        String user = TestStack.newUser("register-suggestions");

        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null);
        RecommendationDocument document = CacheJson.read(response.getBody());

        assertEquals(Status.SUGGESTIONS, document.status());
        assertNull(document.modelId(), "drawn from the catalog's popularity, not from a loaded model");
        assertEquals(0, document.totalPlays());
        assertTrue(Math.abs(document.generatedAt().toEpochMilli() - System.currentTimeMillis()) < 60_000, "generated now");
        assertEquals(Registration.SUGGESTIONS, document.items().size());
        Set<Integer> ids = new HashSet<>();
        int withSongs = 0;
        for (Item item : document.items()) {
            assertTrue(ids.add(item.artistId()), "no artist twice");
            int index = stack.model.artists().indexOf(item.artistId());
            assertTrue(index >= 0, "an artist of the model");
            assertTrue(stack.model.listeners(index) > 0, "drawn by listeners: never an artist nobody listened to");
            assertEquals(stack.model.artists().name(index), item.artistName());
            double mostListened = stack.model.listeners(stack.model.popular(0));
            assertEquals(stack.model.listeners(index) / mostListened, item.score(), 1e-12, "listeners relative to the most listened-to");
            assertEquals(List.of(), item.because());
            String song = stack.songs.get(item.artistId());
            if (item.songName() != null) {
                assertEquals(song, item.songName(), "the most popular of the artist's own tracks on the stand-in");
                assertTrue(item.url() != null && item.image() != null, "track URL and album image");
                withSongs++;
            } else if (song == null) {
                assertNull(item.url(), "Spotify has no track for this one");
            }
        }
        // Drawn by listeners, about three in four come from the 3,000 most listened-to artists, which have songs.
        assertTrue(withSongs >= 8, withSongs + " of 20 have songs");
    }

    @Test
    void withASecretArnTheSpotifyCredentialsComeFromTheSecretAndNotTheEnvironment() {
        try (SecretsManagerStandIn secretsManager = SecretsManagerStandIn.start(0)) {
            String arn = secretsManager.putSecret("musicrec-users-" + UUID.randomUUID().toString().substring(0, 8),
                    "{\"database_password\":\"unused-by-trust\",\"spotify_client_id\":\"" + SpotifyStandIn.CLIENT_ID
                            + "\",\"spotify_client_secret\":\"" + SpotifyStandIn.CLIENT_SECRET + "\"}");
            Map<String, String> environment = new HashMap<>(stack.environment());
            environment.remove("SPOTIFY_CLIENT_ID");
            environment.remove("SPOTIFY_CLIENT_SECRET");
            environment.put("SECRET_ARN", arn);
            environment.put("SECRETS_MANAGER_ENDPOINT", secretsManager.endpoint());
            environment.put("AWS_ACCESS_KEY_ID", "test");
            environment.put("AWS_SECRET_ACCESS_KEY", "test");
            try (UsersComponents fromSecret = TestStack.components(environment, 11)) {
                UsersHandler users = new UsersHandler(fromSecret);
                APIGatewayV2HTTPResponse response = users.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("secret")), null);

                assertEquals(201, response.getStatusCode(), response.getBody());
                RecommendationDocument document = CacheJson.read(response.getBody());
                assertTrue(document.items().stream().anyMatch(item -> item.songName() != null),
                        "songs, so Spotify took the secret's credentials: " + response.getBody());
                assertEquals(1, secretsManager.getSecretValueRequests(), "read once, at init");
            }
        }
    }

    @Test
    void theDrawIsWeightedByListenersSoPopularArtistsComeUpMoreOften() {
        // 20 registrations x 20 artists: the 100 most listened-to artists (0.6 % of the catalog) hold
        // far more than 0.6 % of the listens, and so of the draws.
        Set<Integer> top100 = new HashSet<>();
        for (int rank = 0; rank < 100; rank++) {
            top100.add(stack.model.artists().id(stack.model.popular(rank)));
        }
        int drawn = 0;
        int fromTop = 0;
        for (int i = 0; i < 20; i++) {
            String body = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("register-weighted")), null).getBody();
            for (Item item : CacheJson.read(body).items()) {
                drawn++;
                fromTop += top100.contains(item.artistId()) ? 1 : 0;
            }
        }
        assertTrue(fromTop > drawn / 10, fromTop + " of " + drawn + " suggestions are among the 100 most listened-to artists");
    }

    @Test
    void theSameSeedDrawsTheSameArtists() {
        try (UsersComponents again = TestStack.components(stack.environment(), 7);
             UsersComponents same = TestStack.components(stack.environment(), 7)) {
            List<Integer> a = TestStack.artists(new UsersHandler(again).handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("seed")), null));
            List<Integer> b = TestStack.artists(new UsersHandler(same).handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("seed")), null));
            List<Integer> c = TestStack.artists(handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("seed")), null));

            assertEquals(a, b);
            assertNotEquals(a, c, "another seed, other artists");
        }
    }

    @Test
    void reRegisteringNeverReplacesComputedRecommendations() {
        String user = TestStack.newUser("register-after-ready");
        assertEquals(201, handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null).getStatusCode());
        RecommendationDocument ready = new RecommendationDocument(Status.READY, stack.model.id(), Instant.parse("2026-11-28T16:00:00Z"), 5,
                List.of(new Item(292, "Christina Aguilera", "Genie", null, null, 0.9, List.of(289))));
        assertTrue(cache.putIfNotOlder(user, ready, stack.model.info().createdAt()));

        APIGatewayV2HTTPResponse again = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null);

        assertEquals(200, again.getStatusCode());
        assertEquals(cache.getJson(user).orElseThrow(), again.getBody());
        assertEquals(ready, CacheJson.read(again.getBody()));
    }

    @Test
    void aUserWhoPlayedBeforeRegisteringIsFoundAndGetsSuggestions() {
        String user = TestStack.newUser("played-first");
        // A play through the play store (the API function's route): it registers the user as a side effect.
        try (Database database = new Database(stack.database, Database.Options.defaults(), Clock.systemUTC())) {
            new PostgresPlayStore(database, Clock.systemUTC()).recordPlay(user, 289);
        }

        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null);

        assertEquals(200, response.getStatusCode(), "the play registered the user already");
        assertEquals("suggestions", SampleHttpEvents.json(response).get("status").asText());
    }

    @Test
    void anEmptyObjectBodyIsAccepted() {
        String user = TestStack.newUser("register-empty-object");

        APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.body(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), "{ }"), null);

        assertEquals(201, response.getStatusCode(), response.getBody());
    }

    @Test
    void withAnEmptyCatalogRegistrationIs503AndWritesNothing() {
        Map<String, String> env = stack.environment();
        var empty = stack.emptySchema();
        env.put("DATABASE_URL", empty.jdbcUrl());
        String user = TestStack.newUser("register-empty-catalog");
        try (UsersComponents noCatalog = TestStack.components(env, 1)) {
            APIGatewayV2HTTPResponse response = new UsersHandler(noCatalog).handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, user), null);

            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("service_unavailable", SampleHttpEvents.errorCode(response));
            assertTrue(response.getBody().contains("Cx1aQjZsIAMEVbw="), "names the request id");
            assertEquals(0, TestSchemas.count(empty, "SELECT count(*) FROM users WHERE id = ?", user));
            assertTrue(cache.getJson(user).isEmpty());
        }
    }
}
