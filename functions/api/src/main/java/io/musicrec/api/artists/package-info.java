/**
 * {@code GET /artists?query=...&limit=...}: catalog search by name, so a client can find artists to
 * play ({@link io.musicrec.api.artists.ArtistSearch}, its request and endpoint). Matching rules
 * (Unicode case folding, literal wildcards, most listened-to first) are the platform catalog's.
 */
package io.musicrec.api.artists;
