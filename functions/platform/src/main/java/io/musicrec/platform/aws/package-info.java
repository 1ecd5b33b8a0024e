/**
 * AWS SDK v2 client factories shared by the SQS and S3 adapters: HTTP client, region, credentials
 * and timeouts in one place. No adapter logic lives here.
 */
package io.musicrec.platform.aws;
