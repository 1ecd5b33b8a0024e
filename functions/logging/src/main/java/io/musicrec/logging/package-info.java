/**
 * A small SLF4J 2 provider for the Lambda functions: every event becomes one JSON line on stdout,
 * which CloudWatch reads as structured fields under {@code LogFormat: JSON}; levels per {@link
 * io.musicrec.logging.LogSettings}. Nothing but slf4j-api (no Logback, no JSON library: the escaping
 * is in {@link io.musicrec.logging.JsonLine}); no shipping, async appenders or files.
 */
package io.musicrec.logging;
