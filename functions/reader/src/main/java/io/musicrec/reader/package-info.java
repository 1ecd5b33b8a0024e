/**
 * The read function: {@code GET /recommendations} answers with the caller's recommendation document
 * exactly as the cache holds it ({@link io.musicrec.reader.ReaderHandler}). It touches Redis and
 * nothing else: no database, no AWS SDK, no Spotify, no model, and it never parses the document, so
 * a cold start loads Lettuce and little more. The small HTTP edge it needs (caller, path, JSON
 * errors, its route) is the shared {@code io.musicrec.http}'s JSON-free part, so the read path
 * never initialises Jackson.
 */
package io.musicrec.reader;
