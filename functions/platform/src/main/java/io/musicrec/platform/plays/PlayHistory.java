package io.musicrec.platform.plays;

import io.musicrec.engine.recommend.UserPlay;
import java.util.List;
import java.util.Objects;

/**
 * A user's plays as of one moment: the total and the per-artist counts that sum to it.
 *
 * @param totalPlays the user's total, ≥ 0
 * @param plays      one entry per artist played, ascending artist id
 */
public record PlayHistory(long totalPlays, List<UserPlay> plays) {

    /** Copies the list; the total is never negative. */
    public PlayHistory {
        if (totalPlays < 0) {
            throw new IllegalArgumentException("totalPlays must be >= 0, got " + totalPlays);
        }
        plays = List.copyOf(Objects.requireNonNull(plays, "plays"));
    }
}
