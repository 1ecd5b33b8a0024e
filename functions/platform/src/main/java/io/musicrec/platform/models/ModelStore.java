package io.musicrec.platform.models;

import io.musicrec.engine.model.Model;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where trained models live (S3 in production): each model under its own versioned prefix, and a
 * small "current" pointer object naming the one to serve.
 *
 * <p>Versions are immutable: a model id, once published, always names the same files. Several are
 * kept side by side ({@link #versions}), so the pointer can be moved back to an older one
 * ({@link #rollback}) and old ones deleted ({@link #prune}) without touching the one being served.
 */
public interface ModelStore {

    /**
     * The current pointer: the served model's id and the pointer's version tag (S3 ETag).
     *
     * @param modelId the model the pointer names
     * @param etag    changes whenever the pointer is written, so a reader can tell it moved
     */
    record Current(String modelId, String etag) {
        /** Both parts are required. */
        public Current {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /**
     * One stored version.
     *
     * @param modelId  the version's model id (its directory)
     * @param storedAt when its manifest was written (a complete version), or its newest object (an
     *                 incomplete one)
     * @param complete every file of the artifact is present, the manifest last written among them;
     *                 sizes and checksums are verified only by {@link #load} and {@link #rollback}
     * @param bytes    the size of its objects together
     */
    record Version(String modelId, Instant storedAt, boolean complete, long bytes) {
        /** Id and time are required. */
        public Version {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(storedAt, "storedAt");
        }
    }

    /** Reads the current pointer; empty when no model was ever published. */
    Optional<Current> current();

    /**
     * Downloads and verifies the model with this id.
     *
     * @throws ModelStoreException when the model is missing, incomplete or corrupt, or the store
     *     cannot be reached; the message names the object at fault
     */
    Model load(String modelId);

    /**
     * Publishes the model artifact in {@code modelDirectory} (checked first) and makes it current:
     * every file goes up before the manifest, and the pointer moves only after the manifest, so
     * the pointer always names a complete model.
     *
     * @return the new pointer
     * @throws ModelStoreException when the local artifact is invalid, its id is already published
     *     with different content, or the store fails (the pointer then has not moved)
     */
    Current publish(Path modelDirectory);

    /**
     * Publishes like {@link #publish(Path)}, but moves the pointer only if it is still {@code
     * expected}: what the caller read before it started (compared by tag), or no pointer at all
     * when {@code expected} is empty. A caller that trained for minutes thus never overwrites a
     * rollback or another publish made meanwhile.
     *
     * @throws PointerMovedException when the pointer is no longer {@code expected}; the version's
     *     files are then stored and complete, but nothing points at them
     * @throws ModelStoreException   as {@link #publish(Path)}
     */
    Current publish(Path modelDirectory, Optional<Current> expected);

    /**
     * Every version stored, newest first (by {@link Version#storedAt}; S3 keeps whole seconds, and
     * versions stored within the same second are ordered by id, descending); incomplete ones (a
     * publish that failed half way) included.
     */
    List<Version> versions();

    /**
     * Points the pointer at a version published before, after checking that it is complete and
     * intact (every file present, sizes and checksums as its manifest says).
     *
     * @return the new pointer
     * @throws ModelStoreException   when the version is missing, incomplete or corrupt; the pointer
     *     has not moved
     * @throws PointerMovedException when the pointer changed while the version was being checked
     */
    Current rollback(String modelId);

    /**
     * Deletes old versions: keeps the {@code keep} newest complete ones and the current one whatever
     * its age, deletes the other complete ones, and incomplete ones stored before {@code
     * abandonedBefore} (newer ones may be a publish still in progress).
     *
     * @param keep how many complete versions to keep besides the current one, at least 1
     * @return the ids deleted, newest first
     * @throws ModelStoreException when the pointer cannot be read (nothing is deleted then) or a
     *     deletion fails
     */
    List<String> prune(int keep, Instant abandonedBefore);
}
