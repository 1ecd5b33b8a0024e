package io.musicrec.api;

import io.musicrec.api.artists.ArtistSearch;
import io.musicrec.api.plays.PlayService;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.budget.TimeBudget;
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
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The API function's clients and domain services, built once per cold start: PostgreSQL and the
 * outbox relay's SQS client, both connecting on first use. After a SnapStart restore only the
 * database connection is renewed ({@link #restoreHooks()}; the SQS client needs nothing, see {@link AwsClients}).
 */
public final class ApiComponents implements AutoCloseable {

    /**
     * The API function's time budget and the client bounds taken from it, sized for a play, the slowest
     * request: its statement, then the outbox relay ({@link #of} spends them in that order). Every
     * database call ends within its share ({@link Database}), so a frozen PostgreSQL answers a play with
     * a 503 within a quarter of the timeout.
     */
    public record Limits(TimeBudget budget, Duration database, AwsClients.Limits sqs, Duration relay) {

        /** The limits for a function {@code timeout}. */
        public static Limits of(Duration timeout) {
            TimeBudget budget = TimeBudget.of("the API function", timeout);
            Duration database = budget.share(0.25);
            Duration send = budget.share(0.2);
            Duration relay = budget.share(0.1);
            return new Limits(budget.spend("the play's statement", 1, database)
                    .spend("starting relay sends", 1, relay)
                    .spend("the send then in flight", 1, send)
                    .spend("the relay batch's transaction", 1, database),
                    database, AwsClients.Limits.within(send, 2), relay);
        }
    }

    /** The budget for a function {@code timeout} (what template.yaml's Timeout must hold). */
    public static TimeBudget budget(Duration timeout) {
        return Limits.of(timeout).budget();
    }

    private final PlayService plays;
    private final ArtistSearch search;
    private final OutboxRelay relay;
    private final RestoreHooks restoreHooks;
    private final OpenedClients clients;

    private ApiComponents(PlayService plays, ArtistSearch search, OutboxRelay relay, RestoreHooks restoreHooks, OpenedClients clients) {
        this.plays = plays;
        this.search = search;
        this.relay = relay;
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
        Limits limits = Limits.of(configuration.timeout());
        OpenedClients opened = new OpenedClients("the API function");
        try {
            Secrets secrets = Secrets.open(configuration.secret(), clock, opened);
            Database database = opened.add(new Database(configuration.database(),
                    Database.Options.within(limits.database()).withApplicationName("musicrec-api"), clock, secrets));
            SqsClient sqs = opened.add(AwsClients.sqs(configuration.queue(), limits.sqs()));
            OutboxRelay relay = new OutboxRelay(database, new SqsRecalculationQueue(sqs, configuration.queue().queueUrl().toString()), clock);
            RestoreHooks hooks = new RestoreHooks("the API function")
                    .beforeSnapshot("the PostgreSQL connection", database::closeConnection)
                    .afterRestore("the PostgreSQL connection", database::restored)
                    .register();
            return new ApiComponents(new PlayService(new PostgresPlayStore(database, clock), relay, limits.relay(), metrics),
                    new ArtistSearch(new PostgresArtistCatalog(database)), relay, hooks, opened);
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

    /** The outbox relay the plays use, which the scheduled sweep ({@link OutboxSweepHandler}) runs too. */
    public OutboxRelay relay() {
        return relay;
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
