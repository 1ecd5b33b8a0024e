/**
 * PostgreSQL plumbing shared by the adapters: {@link io.musicrec.platform.postgres.Database} (one
 * reused connection, timeouts, transactions with retries), the SQLStates they act on, and {@link
 * io.musicrec.platform.postgres.Migrations}, the Flyway runner for the schema in {@code
 * db/migration}. No domain SQL lives here; each adapter keeps its own queries.
 */
package io.musicrec.platform.postgres;
