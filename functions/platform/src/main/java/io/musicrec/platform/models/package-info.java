/** Trained models in object storage: the {@link io.musicrec.platform.models.ModelStore} port and its S3 adapter. */
package io.musicrec.platform.models;
