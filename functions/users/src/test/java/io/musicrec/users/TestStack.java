package io.musicrec.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
import io.musicrec.engine.model.Model;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.testing.TestEnvironment;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The real servers the users function's integration tests run against ({@link TestServices}):
 * PostgreSQL (a fresh schema, migrated, with the catalog imported from {@code
 * model-artifacts/lastfm-2k}, so {@code artists.listeners} is that model's), Redis and the Spotify
 * stand-in (songs for the 3,000 most listened-to artists, three quarters of all listens). No S3 and
 * no SQS: the function uses neither. {@code DATABASE_URL}, {@code REDIS_URL} and {@code
 * SPOTIFY_API_URL} name external ones instead.
 *
 * <p>Handlers are wired the way Lambda wires them: {@link UsersConfiguration#from} over an
 * environment naming these servers, then {@link UsersComponents#connect}.
 */
final class TestStack {

    /** Artists the stand-in knows songs for: the most listened-to ones. */
    static final int ARTISTS_WITH_SONGS = 3000;

    private static TestStack instance;

    final DatabaseSettings database;
    /** The model the catalog was imported from: its listeners are the catalog's. */
    final Model model;
    final RedisConnection redis;
    final Map<Integer, String> songs = new HashMap<>();

    private TestStack() {
        TestServices.start(LocalServices.Service.POSTGRES, LocalServices.Service.REDIS, LocalServices.Service.SPOTIFY);
        this.database = TestServices.freshCatalog();
        this.model = TestModels.shipped();
        this.redis = TestServices.closeAtExit(RedisConnection.open(TestServices.redisUrl()));
        TestServices.spotify().ifPresent(this::fillSpotify);
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = new TestStack();
        }
        return instance;
    }

    private void fillSpotify(SpotifyStandIn spotify) {
        for (int rank = 0; rank < ARTISTS_WITH_SONGS && rank < model.size(); rank++) {
            int index = model.popular(rank);
            String name = model.artists().name(index);
            String song = "Greatest hit of " + name;
            spotify.addArtist(name, List.of(new SpotifyStandIn.Track("Deep cut of " + name, 10), new SpotifyStandIn.Track(song, 90)));
            songs.put(model.artists().id(index), song);
        }
    }

    /** A new schema, migrated and empty (no catalog), on this stack's server. */
    DatabaseSettings emptySchema() {
        return TestServices.freshSchema();
    }

    /** The environment a deployed users function would have, pointing at these servers. */
    Map<String, String> environment() {
        return TestEnvironment.of().database(database).redis(TestServices.redisUrl())
                .spotify(TestServices.spotifyUrl()).toMap();
    }

    /** Components wired from {@code environment}, as the public constructor wires them, with a seeded random. */
    static UsersComponents components(Map<String, String> environment, long seed) {
        return UsersComponents.connect(UsersConfiguration.from(Environment.of(environment::get)), Clock.systemUTC(), new SplittableRandom(seed));
    }

    /** Removes {@code user}'s row (and with it their plays) and their document, as if they had never registered. */
    void forget(String user) {
        try (Connection connection = TestSchemas.connect(database); PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
            delete.setString(1, user);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete user " + user, e);
        }
        redis.sync().del(RedisKeys.recommendations(user));
    }

    /** The artists a registration's response suggests, in draw order. */
    static List<Integer> artists(APIGatewayV2HTTPResponse response) {
        return CacheJson.read(response.getBody()).items().stream().map(RecommendationDocument.Item::artistId).toList();
    }

    /** A fresh user id (JWT subject) no other test uses. */
    static String newUser(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    /** One number from the database, e.g. {@code SELECT count(*) FROM users WHERE id = ?}. */
    long count(String sql, Object... parameters) {
        return TestSchemas.count(database, sql, parameters);
    }
}
