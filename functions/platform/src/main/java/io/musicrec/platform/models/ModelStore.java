package io.musicrec.platform.models;

import io.musicrec.engine.model.Model;
import java.util.Optional;

/**
 * Where trained models live (S3 in production): each model under its own versioned prefix, and a
 * small "current" pointer object naming the one to serve.
 */
public interface ModelStore {

    /** The current pointer: the served model's id and the pointer's version tag (S3 ETag). */
    record Current(String modelId, String etag) {
    }

    /** Reads the current pointer; empty when no model was ever published. */
    Optional<Current> current();

    /** Downloads and verifies the model with this id. */
    Model load(String modelId);
}
