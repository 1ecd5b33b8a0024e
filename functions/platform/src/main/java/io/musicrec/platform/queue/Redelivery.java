package io.musicrec.platform.queue;

import java.time.Duration;
import java.util.Map;

/**
 * Puts off the next delivery of messages a consumer received and is giving back (on SQS: their
 * visibility timeout), so that a message whose failure was not its own fault comes back after a
 * delay of the consumer's choosing rather than the queue's.
 */
public interface Redelivery {

    /**
     * Best effort: a message whose delay cannot be set comes back after the queue's own visibility
     * timeout, and the failure is logged, not thrown.
     *
     * @param delays how long each message stays away, by receipt handle (SQS allows up to 12 hours
     *               from its receive)
     */
    void postpone(Map<String, Duration> delays);
}
