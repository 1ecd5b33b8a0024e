/**
 * Small helpers the modules' integration tests share: a clock moved by hand, the Redis a test runs
 * against, a Lambda invocation context, and a server that stalls (for timeout tests). Kept here, beside the servers, so that no two modules carry their own copies.
 */
package io.musicrec.local.services.testing;
