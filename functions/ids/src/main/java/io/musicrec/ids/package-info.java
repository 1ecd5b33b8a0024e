/**
 * Identifiers every layer shares, with their rules checked in one place ({@link io.musicrec.ids.UserId}).
 * Plain Java without dependencies, so the HTTP edge, the cache and the platform can all use it.
 */
package io.musicrec.ids;
