package io.musicrec.platform.models;

import io.musicrec.engine.model.Model;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where trained models live (S3 in production): each model under its own versioned prefix, and a
 * small "current" pointer object naming the one to serve.
 *
 * <p>Versions are immutable: a model id, once published, always names the same files.
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
}
