package io.musicrec.bench.stack;

import io.musicrec.engine.model.Model;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws catalog artists with probability proportional to a weight: the bench's stand-in for what
 * people play.
 */
final class ArtistDraw {

    private final int[] artistIds;
    private final long[] cumulative;

    private ArtistDraw(int[] artistIds, long[] cumulative) {
        this.artistIds = artistIds;
        this.cumulative = cumulative;
    }

    /** Each of the model's artists in proportion to its listeners (at least one each). */
    static ArtistDraw byListeners(Model model) {
        int[] ids = model.artists().ids();
        long[] weights = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            weights[i] = Math.max(1, model.listeners(i));
        }
        return of(ids, weights);
    }

    /**
     * @param artistIds the artists
     * @param weights   each artist's positive weight, in the same order
     */
    static ArtistDraw of(int[] artistIds, long[] weights) {
        if (artistIds.length == 0 || artistIds.length != weights.length) {
            throw new IllegalArgumentException("need as many positive weights as artists, and at least one artist");
        }
        long[] cumulative = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 1) {
                throw new IllegalArgumentException("weight of artist " + artistIds[i] + " must be positive, got " + weights[i]);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        return new ArtistDraw(artistIds.clone(), cumulative);
    }

    /** How many artists can be drawn. */
    int size() {
        return artistIds.length;
    }

    /** One artist id. */
    int next(SplittableRandom random) {
        long ticket = random.nextLong(cumulative[cumulative.length - 1]);
        int found = Arrays.binarySearch(cumulative, ticket + 1);
        return artistIds[found >= 0 ? found : -found - 1];
    }
}
