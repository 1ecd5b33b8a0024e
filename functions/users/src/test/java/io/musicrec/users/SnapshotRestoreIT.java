package io.musicrec.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.lettuce.core.KillArgs;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RedisKeys;
import io.musicrec.http.testing.SampleHttpEvents;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crac.Core;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The users function as SnapStart restores it, on the real servers of {@link TestStack}: two
 * handlers built alike stand for two environments restored from one snapshot, and the restore hook
 * is called the way Lambda's runtime calls it through org.crac.
 */
class SnapshotRestoreIT {

    private static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
    }

    @Test
    void environmentsRestoredFromOneSnapshotDrawDifferentSuggestions() {
        try (UsersComponents first = TestStack.components(stack.environment(), 7);
             UsersComponents second = TestStack.components(stack.environment(), 7)) {
            UsersHandler one = new UsersHandler(first);
            UsersHandler other = new UsersHandler(second);
            assertEquals(register(one), register(other), "one snapshot's random state: the same draws");

            one.restoreHooks().afterRestore(Core.getGlobalContext());
            other.restoreHooks().afterRestore(Core.getGlobalContext());

            assertNotEquals(register(one), register(other), "reseeded at restore: draws of their own");
        }
    }

    @Test
    void connectionsTheServersDroppedWhileSnapshottedAreReopenedAndTheNextRegistrationIsServed() throws SQLException {
        try (UsersComponents components = TestStack.components(stack.environment(), 11)) {
            UsersHandler handler = new UsersHandler(components);
            assertEquals(201, handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("before-snapshot")), null).getStatusCode());
            // The snapshot's sockets: the servers end them while the snapshot waits.
            try (Connection admin = TestSchemas.connect(stack.database); Statement kill = admin.createStatement()) {
                kill.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'musicrec-users'");
            }
            stack.redis.sync().clientKill(KillArgs.Builder.typeNormal().skipme());
            // Songs no longer cached, so the registration asks Spotify through the pool the hook emptied.
            String anySong = RedisKeys.song(1);
            List<String> songKeys = stack.redis.sync().keys(anySong.substring(0, anySong.length() - 1) + "*");
            if (!songKeys.isEmpty()) {
                stack.redis.sync().del(songKeys.toArray(String[]::new));
            }
            SpotifyStandIn spotify = TestServices.spotify().orElseThrow();
            int searches = spotify.searchRequests();

            handler.restoreHooks().afterRestore(Core.getGlobalContext());

            APIGatewayV2HTTPResponse response = handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("after-restore")), null);
            assertEquals(201, response.getStatusCode(), response.getBody());
            RecommendationDocument document = CacheJson.read(response.getBody());
            assertEquals(Registration.SUGGESTIONS, document.items().size());
            assertTrue(spotify.searchRequests() > searches, "Spotify was asked after the restore");
            assertTrue(document.items().stream().anyMatch(item -> item.songName() != null), "with songs from Spotify");
        }
    }

    @Test
    void theRedisConnectionIsOpenedAnewAtRestoreNotLeftToFailFirst() {
        try (UsersComponents components = TestStack.components(stack.environment(), 13)) {
            UsersHandler handler = new UsersHandler(components);
            Set<String> before = redisClients();

            handler.restoreHooks().afterRestore(Core.getGlobalContext());

            Set<String> opened = redisClients();
            opened.removeAll(before);
            assertEquals(1, opened.size(), "one new connection: " + opened);
            assertEquals(201, handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("reconnected")), null).getStatusCode());
        }
    }

    private static List<Integer> register(UsersHandler handler) {
        return TestStack.artists(handler.handle(SampleHttpEvents.as(SampleHttpEvents.REGISTER, TestStack.newUser("restore")), null));
    }

    /** The ids of the clients Redis has now. */
    private static Set<String> redisClients() {
        Set<String> ids = new HashSet<>();
        for (String line : stack.redis.sync().clientList().split("\n")) {
            if (line.startsWith("id=")) {
                ids.add(line.substring(3, line.indexOf(' ')));
            }
        }
        return ids;
    }
}
