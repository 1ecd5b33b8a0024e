/**
 * The read function: {@code GET /recommendations} answers with the caller's recommendation document
 * exactly as the cache holds it ({@link io.musicrec.reader.ReaderHandler}). It touches Redis and
 * nothing else: no database, no Spotify, no model, and it never parses the document, so a cold start
 * loads Lettuce and little more. The HTTP edge it shares with the other functions (router, caller,
 * error bodies) uses jackson-core only, so the read path never starts jackson-databind.
 */
package io.musicrec.reader;
