package io.musicrec.platform.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.local.services.ServerOptions;
import io.musicrec.local.services.SqsServer;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.plays.PlayRecorded;
import io.musicrec.platform.plays.PlayStore;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

class OutboxRelayIT {

    private static DatabaseSettings settings;

    @BeforeAll
    static void schema() throws SQLException {
        settings = TestServices.freshSchema();
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists (id, name, search_name) VALUES (1, 'Low', 'low'), (2, 'Björk', 'björk')");
        }
    }

    @Test
    void aRelayOutOfTimeStartsNoSendAndLeavesTheMessagesPendingForTheNext() {
        try (SqsServer sqs = SqsServer.start(ServerOptions.ephemeral())) {
            String queueUrl = sqs.createQueue("late", Map.of());
            QueueSettings queueSettings = new QueueSettings(URI.create(queueUrl), Optional.of(URI.create(sqs.endpoint())), TestServices.aws());
            try (Database database = Database.connect(settings); SqsClient client = AwsClients.sqs(queueSettings)) {
                PlayStore plays = new PostgresPlayStore(database, Clock.systemUTC());
                OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(client, queueUrl), Clock.systemUTC());
                for (int i = 0; i < 5; i++) {
                    plays.recordPlay("late", 1);
                }
                long pending = relay.pending();
                assertTrue(pending >= 1);

                assertEquals(new OutboxRelay.Result(0, false, true), relay.relay(50, Duration.ZERO));
                assertEquals(pending, relay.pending(), "nothing sent, nothing lost");

                OutboxRelay.Result next = relay.relay(50, Duration.ofSeconds(30));
                assertEquals(pending, next.sent());
                assertEquals(0, relay.pending());
            }
        }
    }

    @Test
    void messageQueuedWhileSqsIsDownArrivesOnceWhenItIsBack() {
        SqsServer sqs = SqsServer.start(ServerOptions.ephemeral());
        int port = sqs.port();
        String queueUrl = sqs.createQueue("recalculations", Map.of());
        QueueSettings queueSettings = new QueueSettings(URI.create(queueUrl), Optional.of(URI.create(sqs.endpoint())), TestServices.aws());
        try (Database database = Database.connect(settings); SqsClient client = AwsClients.sqs(queueSettings)) {
            PlayStore plays = new PostgresPlayStore(database, Clock.systemUTC());
            OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(client, queueUrl), Clock.systemUTC());
            for (int i = 0; i < 4; i++) {
                plays.recordPlay("offline", 1);
                assertEquals(new OutboxRelay.Result(0, false), relay.relay());
            }

            sqs.close();
            PlayRecorded fifth = plays.recordPlay("offline", 2);
            OutboxRelay.Result whileDown = relay.relay();

            assertTrue(fifth.recalculationQueued(), "the play and its message are committed");
            assertEquals(5, plays.totalPlays("offline"));
            assertEquals(new OutboxRelay.Result(0, true), whileDown);
            assertEquals(1, relay.pending());

            sqs = SqsServer.start(ServerOptions.onPort(port));
            // In-memory ElasticMQ lost its queues; the same name gives the same URL.
            assertEquals(queueUrl, sqs.createQueue("recalculations", Map.of()));
            assertEquals(new OutboxRelay.Result(1, false), relay.relay());
            assertEquals(new OutboxRelay.Result(0, false), relay.relay(), "sent once, not again");
            assertEquals(0, relay.pending());
            assertEquals(List.of(new RecalculationRequest("offline", 5).toJson()), QueueMessages.drain(client, queueUrl));
        } finally {
            sqs.close();
        }
    }

    @Test
    void concurrentPlaysAndRelaysDeliverExactlyOneMessagePerFivePlays() throws Exception {
        int threads = 16;
        int playCount = 200;
        QueueSettings queueSettings = TestServices.freshQueue("recalculations");
        String queueUrl = queueSettings.queueUrl().toString();
        List<Database> databases = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SqsClient client = AwsClients.sqs(queueSettings)) {
            RecalculationQueue queue = new SqsRecalculationQueue(client, queueUrl);
            List<PlayStore> stores = new ArrayList<>();
            List<OutboxRelay> relays = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Database database = Database.connect(settings);
                databases.add(database);
                stores.add(new PostgresPlayStore(database, Clock.systemUTC()));
                // Batches of 2 make relays contend for rows more often than the default would.
                relays.add(new OutboxRelay(database, queue, Clock.systemUTC(), 2));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> sentByEach = new ArrayList<>();
            for (int i = 0; i < playCount; i++) {
                int container = i % threads;
                int artist = 1 + i % 2;
                sentByEach.add(pool.submit(() -> {
                    start.await();
                    stores.get(container).recordPlay("crowd", artist);
                    return relays.get(container).relay().sent();
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> f : sentByEach) {
                sent += f.get();
            }

            OutboxRelay sweep = relays.get(0);
            assertEquals(new OutboxRelay.Result(0, false), sweep.relay(1_000), "the relays after the plays left nothing behind");
            assertEquals(40, sent);
            assertEquals(0, sweep.pending());
            List<Long> totals = QueueMessages.drain(client, queueUrl).stream()
                    .map(RecalculationRequest::fromJson)
                    .peek(request -> assertEquals("crowd", request.userId()))
                    .map(RecalculationRequest::totalPlays)
                    .sorted()
                    .toList();
            assertEquals(LongStream.rangeClosed(1, 40).map(n -> 5 * n).boxed().toList(), totals, "each of 5..200 exactly once");
        } finally {
            pool.shutdownNow();
            databases.forEach(Database::close);
        }
    }

    @Test
    void aMarkRetriedAfterTheConnectionDroppedDoesNotSendTheMessageAgain() throws Exception {
        QueueSettings queueSettings = TestServices.freshQueue("retried");
        String queueUrl = queueSettings.queueUrl().toString();
        String applicationName = "relay-retry-" + UUID.randomUUID().toString().substring(0, 8);
        try (Database database = new Database(settings, Database.Options.defaults().withApplicationName(applicationName), Clock.systemUTC());
             SqsClient client = AwsClients.sqs(queueSettings)) {
            PlayStore plays = new PostgresPlayStore(database, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                plays.recordPlay("retried", 1);
            }
            RecalculationQueue sqs = new SqsRecalculationQueue(client, queueUrl);
            List<RecalculationRequest> sends = new ArrayList<>();
            // SQS has the message, then the relay's connection drops (a failover, a proxy's restart):
            // the mark that follows fails once and is retried on a new connection.
            RecalculationQueue connectionDropsAfterEachSend = request -> {
                sqs.send(request);
                sends.add(request);
                terminateConnections(applicationName);
            };
            OutboxRelay relay = new OutboxRelay(database, connectionDropsAfterEachSend, Clock.systemUTC());

            assertEquals(new OutboxRelay.Result(1, false), relay.relay());

            assertEquals(List.of(new RecalculationRequest("retried", 5)), sends, "sent once");
            assertEquals(0, relay.pending(), "and marked, by the retried mark");
            assertEquals(List.of(new RecalculationRequest("retried", 5).toJson()), QueueMessages.drain(client, queueUrl));
        }
    }

    @Test
    void aRowClaimedByARelayThatDiedIsSentAgainOnlyOnceTheClaimRunsOut() throws Exception {
        QueueSettings queueSettings = TestServices.freshQueue("claimed");
        String queueUrl = queueSettings.queueUrl().toString();
        MutableClock clock = new MutableClock(Instant.now());
        try (Database database = Database.connect(settings); SqsClient client = AwsClients.sqs(queueSettings)) {
            PlayStore plays = new PostgresPlayStore(database, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                plays.recordPlay("claimed", 2);
            }
            // What a relay leaves when it dies between its send and its mark: the claim, no sent_at.
            try (Connection c = TestSchemas.connect(settings); PreparedStatement claim = c.prepareStatement(
                    "UPDATE recalculation_outbox SET claimed_until = ? WHERE user_id = 'claimed'")) {
                claim.setObject(1, OffsetDateTime.ofInstant(clock.instant().plus(OutboxRelay.CLAIM_DURATION), ZoneOffset.UTC));
                assertEquals(1, claim.executeUpdate());
            }
            OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(client, queueUrl), clock);

            assertEquals(new OutboxRelay.Result(0, false), relay.relay(), "claimed: another relay may be sending it");
            assertEquals(1, relay.pending());

            clock.advance(OutboxRelay.CLAIM_DURATION.plusSeconds(1));
            assertEquals(new OutboxRelay.Result(1, false), relay.relay(), "the claim ran out");
            assertEquals(List.of(new RecalculationRequest("claimed", 5).toJson()), QueueMessages.drain(client, queueUrl));
        }
    }

    @Test
    void theBacklogIsThePendingCountAndTheOldestPendingPlaysTime() throws Exception {
        DatabaseSettings own = TestServices.freshSchema();
        try (Connection c = TestSchemas.connect(own); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id) VALUES ('a'), ('b')");
            s.execute("INSERT INTO recalculation_outbox (user_id, total_plays, created_at, sent_at) VALUES"
                    + " ('a', 5, '2026-12-03T07:00:00Z', '2026-12-03T07:00:01Z'),"
                    + " ('a', 10, '2026-12-03T07:10:00Z', NULL), ('b', 5, '2026-12-03T07:20:00Z', NULL)");
        }
        try (Database database = Database.connect(own)) {
            OutboxRelay relay = new OutboxRelay(database, request -> {
                throw new AssertionError("nothing is sent");
            }, Clock.systemUTC());

            OutboxRelay.Backlog backlog = relay.backlog();

            assertEquals(2, backlog.pending());
            assertEquals(Optional.of(Instant.parse("2026-12-03T07:10:00Z")), backlog.oldestCreated(), "the sent row does not count");
            assertEquals(Duration.ofMinutes(50), backlog.oldestAge(Instant.parse("2026-12-03T08:00:00Z")));
        }
    }

    private static void terminateConnections(String applicationName) {
        try (Connection c = TestSchemas.connect(settings); PreparedStatement terminate = c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, applicationName);
            try (ResultSet row = terminate.executeQuery()) {
                row.next();
                assertEquals(1, row.getLong(1), "the relay's connection");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
