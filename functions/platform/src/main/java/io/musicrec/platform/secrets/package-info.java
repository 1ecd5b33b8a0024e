/**
 * The function's secret values (database password, Redis auth token, Spotify credentials): {@link
 * io.musicrec.platform.secrets.Secrets}, read from Secrets Manager at cold start through {@link
 * io.musicrec.platform.secrets.SecretsManagerSecret}, kept in memory, read again when a login is
 * refused. Without a secret ARN (local runs) the plain variables serve. No values are logged here.
 */
package io.musicrec.platform.secrets;
