/** Songs for recommended artists: the Spotify lookup, the per-artist song cache and the enrichment that combines them. */
package io.musicrec.platform.songs;
