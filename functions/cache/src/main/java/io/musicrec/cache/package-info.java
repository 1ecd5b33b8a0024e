/**
 * The Redis side of musicrec: the recommendation document users read, its key layout and the
 * Lettuce adapter. Everything the read function needs and nothing more: no JDBC, no AWS SDK.
 */
package io.musicrec.cache;
