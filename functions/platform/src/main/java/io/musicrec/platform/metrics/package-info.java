/**
 * Application metrics as CloudWatch embedded-metric-format (EMF) lines on stdout: {@link
 * io.musicrec.platform.metrics.Metrics}. Lambda sends stdout to the function's log group and
 * CloudWatch Logs extracts the metrics; no CloudWatch client, no API call, nothing to flush. Which
 * metrics exist: docs/operating.md ("Metrics"); the alarms on them: README.md ("Operating").
 */
package io.musicrec.platform.metrics;
