package io.musicrec.platform.plays;

/**
 * The outcome of one play: the user's plays of that artist and in total after it, and whether this
 * play queued a recalculation (the total reached a multiple of five).
 */
public record PlayRecorded(int artistId, long plays, long totalPlays, boolean recalculationQueued) {
}
