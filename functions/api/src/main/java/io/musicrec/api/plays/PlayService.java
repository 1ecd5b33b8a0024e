package io.musicrec.api.plays;

import io.musicrec.platform.plays.IdempotencyKey;
import io.musicrec.platform.plays.PlayRecorded;
import io.musicrec.platform.plays.PlayStore;
import io.musicrec.platform.queue.OutboxRelay;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import io.musicrec.platform.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a play, then relays any recalculation message it queued (see {@link PlayStore} for what
 * commits together). Must not miss: the play stands whatever the relay does; {@code
 * recalculation_queued} reports the outbox row, not SQS. The relay runs when this play queued a
 * message or an earlier relay in this container left some behind, so other plays cost no extra
 * round trip; it sends every pending message, not only this user's.
 */
public final class PlayService {

    private static final Logger LOG = LoggerFactory.getLogger(PlayService.class);
    /** Metric: plays recorded (committed), one per line. */
    public static final String PLAYS_RECORDED = "PlaysRecorded";

    private final PlayStore plays;
    private final OutboxRelay relay;
    private final Duration relayTime;
    private final Metrics metrics;
    private final AtomicBoolean relayOwed = new AtomicBoolean();

    /** {@code relayTime} is how long a play may go on starting sends (its share of the function's budget). */
    public PlayService(PlayStore plays, OutboxRelay relay, Duration relayTime, Metrics metrics) {
        this.plays = Objects.requireNonNull(plays, "plays");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.relayTime = Objects.requireNonNull(relayTime, "relayTime");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * One play of {@code artistId} by {@code userId}.
     *
     * @throws io.musicrec.platform.plays.UnknownArtistException when the artist is not in the
     *     catalog; nothing is written
     */
    public PlayRecorded play(String userId, int artistId) {
        return play(userId, artistId, Optional.empty());
    }

    /**
     * One play, once per live idempotency key when one is given (see {@link PlayStore#recordPlay(String,
     * int, IdempotencyKey)}). A replay queued nothing now, so it relays only what was left behind.
     *
     * @throws io.musicrec.platform.plays.UnknownArtistException when the artist is not in the catalog
     * @throws io.musicrec.platform.plays.IdempotencyKeyReusedException when the key was sent with another artist
     */
    public PlayRecorded play(String userId, int artistId, Optional<IdempotencyKey> key) {
        PlayRecorded recorded = key.isPresent() ? plays.recordPlay(userId, artistId, key.get()) : plays.recordPlay(userId, artistId);
        if (!recorded.replayed()) {
            metrics.count(PLAYS_RECORDED, 1);
        }
        if (recorded.queuedNow() || relayOwed.get()) {
            relay();
        }
        return recorded;
    }

    private void relay() {
        try {
            OutboxRelay.Result result = relay.relay(OutboxRelay.DEFAULT_MAX_MESSAGES, relayTime);
            // A full relay, or one out of time, may have left more behind it.
            relayOwed.set(result.queueUnavailable() || result.outOfTime() || result.sent() >= OutboxRelay.DEFAULT_MAX_MESSAGES);
        } catch (RuntimeException e) {
            relayOwed.set(true);
            LOG.atWarn().addKeyValue("error", e.toString()).log("outbox relay failed; pending messages stay in the outbox and go with a later play");
        }
    }
}
