package io.musicrec.api;

import io.musicrec.api.artists.ArtistSearch;
import io.musicrec.api.plays.PlayService;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.PostgresArtistCatalog;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.lifecycle.RestoreHooks;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.platform.plays.PostgresPlayStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.queue.OutboxRelay;
import io.musicrec.platform.queue.SqsRecalculationQueue;
import io.musicrec.platform.secrets.Secrets;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The API function's clients and domain services, built once per cold start from an {@link
 * ApiConfiguration}: PostgreSQL (plays, the outbox, the catalog) and the SQS client the outbox
 * relay sends with. Cheap to build: the database connection opens on first use, and the SQS client
 * connects on its first message. After a SnapStart restore only the database connection is renewed
 * ({@link #restoreHooks()}): the SQS client keeps nothing a restore spoils (see {@link AwsClients}).
 */
public final class ApiComponents implements AutoCloseable {

    private final PlayService plays;
    private final ArtistSearch search;
    private final RestoreHooks restoreHooks;
    private final OpenedClients clients;

    private ApiComponents(PlayService plays, ArtistSearch search, RestoreHooks restoreHooks, OpenedClients clients) {
        this.plays = plays;
        this.search = search;
        this.restoreHooks = restoreHooks;
        this.clients = clients;
    }

    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    public static final String SERVICE = "api";

    /** Connects everything the configuration names; metrics go to stdout. */
    public static ApiComponents connect(ApiConfiguration configuration, Clock clock) {
        return connect(configuration, clock, Metrics.toStdout(SERVICE));
    }

    /** Connects everything the configuration names. */
    public static ApiComponents connect(ApiConfiguration configuration, Clock clock, Metrics metrics) {
        OpenedClients opened = new OpenedClients("the API function");
        try {
            Secrets secrets = Secrets.open(configuration.secret(), clock, opened);
            Database database = opened.add(new Database(configuration.database(),
                    Database.Options.defaults().withApplicationName("musicrec-api"), clock, secrets));
            SqsClient sqs = opened.add(AwsClients.sqs(configuration.queue()));
            OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(sqs, configuration.queue().queueUrl().toString()), clock);
            RestoreHooks hooks = new RestoreHooks("the API function")
                    .beforeSnapshot("the PostgreSQL connection", database::closeConnection)
                    .afterRestore("the PostgreSQL connection", database::restored)
                    .register();
            return new ApiComponents(new PlayService(new PostgresPlayStore(database, clock), relay, metrics),
                    new ArtistSearch(new PostgresArtistCatalog(database)), hooks, opened);
        } catch (RuntimeException e) {
            opened.closeAfter(e);
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

    /** What a SnapStart restore renews: registered already; keep them (see {@link RestoreHooks}). */
    public RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    /** Releases every client, newest first (tests; a Lambda container just ends); see {@link OpenedClients#close()}. */
    @Override
    public void close() {
        clients.close();
    }
}
