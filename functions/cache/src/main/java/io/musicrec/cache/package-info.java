/**
 * The Redis side of musicrec: the recommendation document users read ({@link
 * io.musicrec.cache.RecommendationDocument}), the port that stores it ({@link
 * io.musicrec.cache.RecommendationCache}) and its Lettuce adapter, the key layout ({@link
 * io.musicrec.cache.RedisKeys}), the JSON form ({@link io.musicrec.cache.CacheJson}) and the
 * connection factory ({@link io.musicrec.cache.RedisConnection}). Everything the read function
 * needs and nothing more: no JDBC, no AWS SDK, no Spotify client; the song cache's adapter lives in
 * the platform module and only borrows the key layout, the connection and the JSON helpers from here.
 */
package io.musicrec.cache;
