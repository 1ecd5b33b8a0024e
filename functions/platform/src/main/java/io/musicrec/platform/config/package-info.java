/**
 * Configuration read once at cold start from environment variables: {@link
 * io.musicrec.platform.config.EnvironmentVariables} names them all, one settings record per concern
 * (database, AWS, queue, model store, recommender, the secret's ARN) reads and validates its share, and a
 * {@link io.musicrec.platform.config.ConfigurationException} names the variable at fault without
 * printing secrets. A function reads the records it needs and nothing else. No clients are built here.
 */
package io.musicrec.platform.config;
