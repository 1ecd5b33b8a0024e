package io.musicrec.platform.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.local.services.ServerOptions;
import io.musicrec.local.services.SqsServer;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            assertEquals(List.of("{\"user_id\":\"offline\",\"total_plays\":5}"), QueueMessages.drain(client, queueUrl));
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
}
