/**
 * Deployment checks, tests only: {@code template.yaml} (SAM schema, references, handlers and code
 * in the shaded jars, events, IAM, configuration), {@code events/}, and the OpenAPI document against
 * the handlers. Nothing here is shipped; the functions are loaded from the jars the template names.
 */
package io.musicrec.deploy;
