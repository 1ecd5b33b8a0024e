/**
 * Implementation details of the engine that are not part of its API: primitive collections and
 * small dense linear algebra. Nothing outside the engine should import from here.
 */
package io.musicrec.engine.internal;
