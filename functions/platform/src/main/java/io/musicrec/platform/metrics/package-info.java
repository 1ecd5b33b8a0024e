/**
 * Custom metrics as CloudWatch embedded metric format (EMF) log lines: a function writes one JSON
 * line to stdout and CloudWatch Logs turns it into metrics, with no CloudWatch client, call or
 * permission. Not here: alarms (template.yaml) or what each metric means (the code that emits it).
 */
package io.musicrec.platform.metrics;
