/** Test support: the embedded services, synthetic listeners in Postgres, a clock moved by hand, a failing S3 client. */
package io.musicrec.trainer.testing;
