package io.musicrec.api.plays;

import io.musicrec.platform.plays.PlayRecorded;
import io.musicrec.platform.plays.PlayStore;
import io.musicrec.platform.queue.OutboxRelay;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import io.musicrec.platform.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a play, then gets any recalculation it queued on its way to SQS.
 *
 * <p>The play, the total and (every fifth play) the outbox row commit together in the {@link
 * PlayStore}; sending is the {@link OutboxRelay}'s, after the commit. The relay runs when this play
 * queued a message, and on every play after a relay in this container left messages behind (SQS
 * unreachable, the database failing mid-relay, or more pending than one relay sends); other plays
 * cost no extra round trip. A relay sends every pending message, not only this user's, so one stuck
 * in a container that has since gone away leaves with the next message any container queues.
 * Whatever the relay does, the play stands: its response reports the outbox row it wrote
 * ({@code recalculation_queued}), not whether SQS has the message yet. Each recorded play counts
 * in the metric {@value #PLAYS_RECORDED}.
 */
public final class PlayService {

    private static final Logger LOG = LoggerFactory.getLogger(PlayService.class);
    /** Metric: plays recorded (committed), one per line. */
    public static final String PLAYS_RECORDED = "PlaysRecorded";

    private final PlayStore plays;
    private final OutboxRelay relay;
    private final Metrics metrics;
    private final AtomicBoolean relayOwed = new AtomicBoolean();

    /**
     * @param plays where plays are counted
     * @param relay what sends the outbox to the queue
     * @param metrics where {@value #PLAYS_RECORDED} goes
     */
    public PlayService(PlayStore plays, OutboxRelay relay, Metrics metrics) {
        this.plays = Objects.requireNonNull(plays, "plays");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * One play of {@code artistId} by {@code userId}.
     *
     * @throws io.musicrec.platform.plays.UnknownArtistException when the artist is not in the
     *     catalog; nothing is written
     */
    public PlayRecorded play(String userId, int artistId) {
        PlayRecorded recorded = plays.recordPlay(userId, artistId);
        metrics.count(PLAYS_RECORDED, 1);
        if (recorded.recalculationQueued() || relayOwed.get()) {
            relay();
        }
        return recorded;
    }

    private void relay() {
        try {
            OutboxRelay.Result result = relay.relay();
            // A full relay may have left more behind it.
            relayOwed.set(result.queueUnavailable() || result.sent() >= OutboxRelay.DEFAULT_MAX_MESSAGES);
        } catch (RuntimeException e) {
            relayOwed.set(true);
            LOG.warn("outbox relay failed; pending messages stay in the outbox and go with a later play: {}", e.toString());
        }
    }
}
