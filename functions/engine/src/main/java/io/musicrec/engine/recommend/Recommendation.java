package io.musicrec.engine.recommend;

import java.util.List;

/**
 * One recommended artist, its score in the mode that produced it, and the artists the user played
 * that it came from ({@code because}; empty for the popularity list).
 */
public record Recommendation(int artistId, double score, List<Integer> because) {
    public Recommendation {
        because = List.copyOf(because);
    }
}
