/**
 * Initialising a fresh deployment's database: the Flyway migrations, then the catalog (and the
 * training base) from the Last.fm 2K files in the model bucket or from the current model's artist
 * index. Called by {@link io.musicrec.trainer.MigrateHandler}.
 */
package io.musicrec.trainer.setup;
