/**
 * The musicrec engine: plain Java with no AWS, JDBC or Redis in it, shared by the trainer, the
 * Lambda functions and the local stack. See the subpackages: data, model, artifact, recommend, eval.
 */
package io.musicrec.engine;
