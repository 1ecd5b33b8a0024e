/**
 * Songs for recommended artists: the {@link io.musicrec.platform.songs.TrackLookup} port and its
 * Spotify adapter (client credentials, configurable endpoints, short timeouts), the per-artist
 * {@link io.musicrec.platform.songs.SongCache} port and its Redis adapter, and the {@link
 * io.musicrec.platform.songs.SongEnricher} that combines them so that a slow or failing Spotify
 * costs items their song fields, never the recommendations. The Redis key layout and connection
 * come from {@code io.musicrec.cache}; nothing here knows about SQS, Postgres or the handlers.
 */
package io.musicrec.platform.songs;
