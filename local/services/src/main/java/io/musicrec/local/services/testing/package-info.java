/**
 * Small helpers the modules' integration tests share: a clock moved by hand and the Redis a test
 * runs against. Kept here, beside the servers, so that no two modules carry their own copies.
 */
package io.musicrec.local.services.testing;
