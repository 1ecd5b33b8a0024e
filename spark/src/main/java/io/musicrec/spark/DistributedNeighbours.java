package io.musicrec.spark;

import io.musicrec.trainer.als.Neighbours;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Each artist's top-M neighbours by an exact blocked search over the executors: the artists are
 * cut into B blocks of unit factor rows, every (query block, candidate block) pair is one task
 * scoring with the trainer's kernels ({@link Neighbours#offerBlock}), and each query block's B
 * partial lists are merged by key. No task and not the driver ever holds all the factors; only the
 * finished lists (artists x M) come back.
 */
final class DistributedNeighbours {

    /** Artists of one block: dense indexes, unit factor rows, shrinkage weights. */
    record Block(int id, int[] index, float[] unit, float[] weight) implements Serializable {
    }

    /** Best-first lists of a query block's artists, -1 (similarity 0) past the end of a list. */
    record Lists(int[] query, int[] index, float[] similarity) implements Serializable {
    }

    private DistributedNeighbours() {
    }

    /**
     * @param factors  (dense artist index, factor row)
     * @param weights  every artist's shrinkage weight, by dense index (one float per artist)
     * @param blocks   the number of blocks B (B x B tasks)
     * @return (dense artist index, its lists) for every artist
     */
    static JavaPairRDD<Integer, Lists> compute(JavaPairRDD<Integer, float[]> factors, Broadcast<float[]> weights, int k, int m,
                                               int blocks) {
        JavaRDD<Block> byBlock = factors
                .mapToPair(e -> new Tuple2<>(e._1() % blocks, e))
                .groupByKey(blocks)
                .map(g -> block(g._1(), g._2(), k, weights.value()));
        byBlock.cache();
        JavaPairRDD<Integer, Lists> partial = byBlock.cartesian(byBlock)
                .mapToPair(pair -> new Tuple2<>(pair._1().id(), search(pair._1(), pair._2(), k, m)));
        JavaPairRDD<Integer, Lists> merged = partial.reduceByKey((a, b) -> merge(a, b, m), blocks);
        return merged.flatMapToPair(e -> {
            Lists l = e._2();
            List<Tuple2<Integer, Lists>> rows = new ArrayList<>(l.query().length);
            for (int q = 0; q < l.query().length; q++) {
                rows.add(new Tuple2<>(l.query()[q], new Lists(new int[] {l.query()[q]},
                        Arrays.copyOfRange(l.index(), q * m, (q + 1) * m), Arrays.copyOfRange(l.similarity(), q * m, (q + 1) * m))));
            }
            return rows.iterator();
        });
    }

    private static Block block(int id, Iterable<Tuple2<Integer, float[]>> rows, int k, float[] weights) {
        List<Tuple2<Integer, float[]>> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort((a, b) -> Integer.compare(a._1(), b._1()));
        int[] index = new int[list.size()];
        float[] y = new float[list.size() * k];
        float[] weight = new float[list.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = list.get(i)._1();
            System.arraycopy(list.get(i)._2(), 0, y, i * k, k);
            weight[i] = weights[index[i]];
        }
        return new Block(id, index, Neighbours.unitRows(y, index.length, k), weight);
    }

    private static Lists search(Block queries, Block candidates, int k, int m) {
        Neighbours.Heap[] heaps = heaps(queries.index().length, m);
        Neighbours.offerBlock(queries.unit(), queries.index(), candidates.unit(), candidates.index(), candidates.weight(), k, heaps);
        return drain(queries.index(), heaps, m);
    }

    /** The best M of two lists of the same queries (ties to the lower index, as one heap would). */
    static Lists merge(Lists a, Lists b, int m) {
        int queries = a.query().length;
        Neighbours.Heap[] heaps = heaps(queries, m);
        for (int q = 0; q < queries; q++) {
            for (Lists l : List.of(a, b)) {
                for (int j = q * m; j < (q + 1) * m && l.index()[j] >= 0; j++) {
                    heaps[q].offer(l.index()[j], l.similarity()[j]);
                }
            }
        }
        return drain(a.query(), heaps, m);
    }

    private static Neighbours.Heap[] heaps(int n, int m) {
        Neighbours.Heap[] heaps = new Neighbours.Heap[n];
        for (int i = 0; i < n; i++) {
            heaps[i] = new Neighbours.Heap(m);
        }
        return heaps;
    }

    private static Lists drain(int[] query, Neighbours.Heap[] heaps, int m) {
        int[] index = new int[query.length * m];
        float[] similarity = new float[query.length * m];
        Arrays.fill(index, -1);
        for (int q = 0; q < query.length; q++) {
            heaps[q].drainInto(index, similarity, q * m);
        }
        return new Lists(query, index, similarity);
    }
}
