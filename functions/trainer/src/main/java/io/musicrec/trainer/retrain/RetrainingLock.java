package io.musicrec.trainer.retrain;

import java.util.Optional;

/** One retraining at a time ({@link PostgresRetrainingLock}: a PostgreSQL advisory lock). */
public interface RetrainingLock {

    /** Held until closed; closing twice is harmless. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock without waiting.
     *
     * @return the lease, or empty when another run holds the lock
     */
    Optional<Lease> tryAcquire();
}
