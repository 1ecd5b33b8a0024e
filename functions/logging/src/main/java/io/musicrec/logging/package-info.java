/**
 * A small SLF4J 2 provider for the Lambda functions: every log event becomes one line of JSON on
 * stdout (timestamp, level, logger, message, the exception's stack trace as one string, MDC entries
 * and key-value pairs), which CloudWatch Logs and Logs Insights read as structured fields when the
 * function's {@code LoggingConfig} has {@code LogFormat: JSON}. The level comes from {@code
 * AWS_LAMBDA_LOG_LEVEL} (Lambda sets it from {@code ApplicationLogLevel}) or {@code LOG_LEVEL}.
 *
 * <p>Nothing but slf4j-api: no Logback, no Log4j, no JSON library; the escaping is written out in
 * {@link io.musicrec.logging.JsonLine}. Not here: log shipping, async appenders, files.
 */
package io.musicrec.logging;
