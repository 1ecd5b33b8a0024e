package io.musicrec.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.http.testing.SampleEvents;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The real servers the users function's integration tests run against, started once per test JVM:
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

    final LocalServices services;
    final DatabaseSettings database;
    /** The model the catalog was imported from: its listeners are the catalog's. */
    final Model model;
    final RedisConnection redis;
    final Map<Integer, String> songs = new HashMap<>();

    private TestStack(LocalServices services, DatabaseSettings database, Model model) {
        this.services = services;
        this.database = database;
        this.model = model;
        this.redis = RedisConnection.open(services.redisUrl().orElseThrow());
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "api-test-stack-stop"));
        }
        return instance;
    }

    private static TestStack start() {
        LocalServices services = LocalServices.start(LocalServices.Options.only(LocalServices.Service.POSTGRES,
                LocalServices.Service.REDIS, LocalServices.Service.SPOTIFY), System::getenv);
        DatabaseSettings database = freshSchema(services);
        Path modelDirectory = repositoryRoot().resolve("model-artifacts").resolve("lastfm-2k");
        try (Database db = new Database(database, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(2)), Clock.systemUTC())) {
            new CatalogImport(db, Clock.systemUTC()).importModel(modelDirectory);
        }
        Model model = ModelArtifact.read(modelDirectory);
        TestStack stack = new TestStack(services, database, model);
        services.spotify().ifPresent(stack::fillSpotify);
        return stack;
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

    private void stop() {
        redis.close();
        services.close();
    }

    /** The checkout's root (where {@code events/} and {@code model-artifacts/} are). */
    static Path repositoryRoot() {
        return SampleEvents.directory().getParent();
    }

    /** A new schema, migrated and empty (no catalog), on this stack's server. */
    DatabaseSettings emptySchema() {
        return freshSchema(services);
    }

    private static DatabaseSettings freshSchema(LocalServices services) {
        var endpoint = services.database().orElseThrow();
        return TestSchemas.migrated(new DatabaseSettings(endpoint.jdbcUrl(), endpoint.user(), endpoint.password()), "users_it_");
    }

    /** The environment a deployed users function would have, pointing at these servers. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("REDIS_URL", services.redisUrl().orElseThrow());
        env.put("SPOTIFY_CLIENT_ID", SpotifyStandIn.CLIENT_ID);
        env.put("SPOTIFY_CLIENT_SECRET", SpotifyStandIn.CLIENT_SECRET);
        env.put("SPOTIFY_API_URL", services.spotifyUrl().orElseThrow());
        env.put("SPOTIFY_ACCOUNTS_URL", services.spotifyUrl().orElseThrow());
        return env;
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
        return CacheJson.read(response.getBody(), RecommendationDocument.class).items().stream().map(RecommendationDocument.Item::artistId).toList();
    }

    /** A fresh user id (JWT subject) no other test uses. */
    static String newUser(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    /** One number from the database, e.g. {@code SELECT count(*) FROM users WHERE id = ?}. */
    long count(String sql, Object... parameters) {
        return count(database, sql, parameters);
    }

    /** One number from {@code schema}'s database. */
    static long count(DatabaseSettings schema, String sql, Object... parameters) {
        try (Connection connection = TestSchemas.connect(schema); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows written for {@code user}: users, plays and outbox rows together. */
    long rowsOf(String user) {
        return count("SELECT (SELECT count(*) FROM users WHERE id = ?) + (SELECT count(*) FROM user_artist_plays WHERE user_id = ?)"
                + " + (SELECT count(*) FROM recalculation_outbox WHERE user_id = ?)", user, user, user);
    }
}
