package io.musicrec.api;

import io.musicrec.api.artists.ArtistSearch;
import io.musicrec.api.plays.PlayService;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.queue.OutboxRelay;
import io.musicrec.platform.queue.SqsRecalculationQueue;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The API function's clients and domain services, built once per cold start from an {@link
 * ApiConfiguration}: PostgreSQL (plays, the outbox, the catalog) and the SQS client the outbox
 * relay sends with. Cheap to build: the database connection opens on first use, and the SQS client
 * connects on its first message.
 */
public final class ApiComponents implements AutoCloseable {

    private final PlayService plays;
    private final ArtistSearch search;
    private final Deque<AutoCloseable> closeables;

    private ApiComponents(PlayService plays, ArtistSearch search, Deque<AutoCloseable> closeables) {
        this.plays = plays;
        this.search = search;
        this.closeables = closeables;
    }

    /** Connects everything the configuration names. */
    public static ApiComponents connect(ApiConfiguration configuration, Clock clock) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Database database = new Database(configuration.database(),
                    Database.Options.defaults().withApplicationName("musicrec-api"), clock);
            opened.push(database);
            SqsClient sqs = AwsClients.sqs(configuration.queue());
            opened.push(sqs);
            OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(sqs, configuration.queue().queueUrl().toString()), clock);
            return new ApiComponents(new PlayService(new PostgresPlayStore(database, clock), relay),
                    new ArtistSearch(new PostgresArtistCatalog(database)), opened);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** {@code POST /plays}. */
    public PlayService plays() {
        return plays;
    }

    /** {@code GET /artists}. */
    public ArtistSearch search() {
        return search;
    }

    /** Releases every client, newest first (tests; a Lambda container just ends). */
    @Override
    public void close() {
        closeAll(closeables, null);
    }

    private static void closeAll(Deque<AutoCloseable> closeables, RuntimeException cause) {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
