/**
 * Trained models in object storage: the {@link io.musicrec.platform.models.ModelStore} port and
 * its S3 adapter, with the bucket layout documented on {@link io.musicrec.platform.models.S3ModelStore}.
 * The artifact format itself is the engine's ({@code io.musicrec.engine.artifact}).
 */
package io.musicrec.platform.models;
