/**
 * Small helpers the modules' integration tests share: a clock moved by hand, the Redis a test runs
 * against, and a Lambda invocation context. Kept here, beside the servers, so that no two modules carry their own copies.
 */
package io.musicrec.local.services.testing;
