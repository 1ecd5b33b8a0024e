/**
 * The model artifact: a directory of a JSON manifest and checksummed little-endian binaries,
 * written atomically and verified on load. Only files and bytes here: where the directory comes
 * from (local disk, S3) is the platform's business.
 */
package io.musicrec.engine.artifact;
