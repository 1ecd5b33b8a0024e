package io.musicrec.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Merging two blocks' partial lists, by hand: the best M of both, ties to the lower artist index. */
class DistributedNeighboursTest {

    @Test
    void mergeKeepsTheBestOfBothListsWithTiesToTheLowerIndexAndPadsShortLists() {
        // Two queries, M = 3. Query 7: {1: .9, 4: .5} and {2: .5, 3: .4}. Query 8: {5: .2} and nothing.
        DistributedNeighbours.Lists a = new DistributedNeighbours.Lists(new int[] {7, 8},
                new int[] {1, 4, -1, 5, -1, -1}, new float[] {0.9f, 0.5f, 0, 0.2f, 0, 0});
        DistributedNeighbours.Lists b = new DistributedNeighbours.Lists(new int[] {7, 8},
                new int[] {2, 3, -1, -1, -1, -1}, new float[] {0.5f, 0.4f, 0, 0, 0, 0});

        DistributedNeighbours.Lists merged = DistributedNeighbours.merge(a, b, 3);

        assertArrayEquals(new int[] {7, 8}, merged.query());
        assertArrayEquals(new int[] {1, 2, 4, 5, -1, -1}, merged.index());
        assertArrayEquals(new float[] {0.9f, 0.5f, 0.5f, 0.2f, 0, 0}, merged.similarity());
        assertArrayEquals(merged.index(), DistributedNeighbours.merge(b, a, 3).index(), "the order of the blocks does not matter");
    }
}
