package io.musicrec.platform.models;

import io.musicrec.engine.model.Model;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where trained models live: immutable versions side by side under their own prefix, and a small
 * "current" pointer naming the one to serve. What must not be missed: a model id, once published,
 * always names the same files, so rollback and prune only ever move or delete whole versions.
 */
public interface ModelStore {

    /**
     * The current pointer: the served model's id and its version tag (S3 ETag), which changes on every write.
     */
    record Current(String modelId, String etag) {
        /** Both parts are required. */
        public Current {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /**
     * One stored version. {@code complete}: every file present, the manifest written last (sizes and
     * checksums are verified only by {@link #load} and {@link #rollback}); {@code storedAt}: the
     * manifest's time, or the newest object's for an incomplete version.
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

    /** Downloads and verifies a model; {@link ModelStoreException} names the object at fault. */
    Model load(String modelId);

    /**
     * Publishes a checked model artifact and makes it current. The manifest goes up after every other
     * file and the pointer moves after the manifest, so the pointer always names a complete model; on
     * failure the pointer has not moved.
     */
    Current publish(Path modelDirectory);

    /**
     * Publishes like {@link #publish(Path)}, but moves the pointer only if it is still {@code expected}
     * (empty: no pointer), so a caller that trained for minutes never overwrites a rollback made
     * meanwhile. On {@link PointerMovedException} the version is stored complete but nothing points at it.
     */
    Current publish(Path modelDirectory, Optional<Current> expected);

    /**
     * Every version stored, incomplete ones included, newest first (ties within S3's whole second by id, descending).
     */
    List<Version> versions();

    /**
     * Moves the pointer to an earlier version after verifying it; a missing or corrupt version leaves the
     * pointer where it was ({@link ModelStoreException}), a concurrent move throws {@link PointerMovedException}.
     */
    Current rollback(String modelId);

    /**
     * Keeps the {@code keep} (at least 1) newest complete versions and the current one; deletes the
     * other complete ones and incomplete ones stored before {@code abandonedBefore} (a newer one may be a
     * publish in progress). Returns the ids deleted, newest first; nothing is deleted if the pointer cannot be read.
     */
    List<String> prune(int keep, Instant abandonedBefore);
}
