/**
 * The recommenders behind one interface: the founding design's quota mode, the hybrid that keeps
 * its quotas but lets the user's folded-in vector choose, fold-in ranking and popularity. Pure
 * functions of a {@link io.musicrec.engine.model.Model} and a user's plays; nothing is stored.
 */
package io.musicrec.engine.recommend;
