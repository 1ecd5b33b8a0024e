package io.musicrec.engine.eval;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores a recommender on a hold-out through its public interface only: for every user with
 * held-out artists, the user's training plays go in, the top K come out (training artists are
 * excluded by the recommender itself), and the hits against the held-out artists are counted.
 */
public final class Evaluator {
    private final int k;
    private final int threads;

    public Evaluator(int k, int threads) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.k = k;
        this.threads = threads;
    }

    /**
     * Produces a user's top K artist ids from the user's id and training plays; lets rankings that
     * are not {@link Recommender}s (a baseline's own user factors, say) be scored the same way.
     */
    @FunctionalInterface
    public interface Ranker {
        int[] topK(int userId, List<UserPlay> trainPlays, int k);
    }

    /**
     * @param catalogSize the number of artists recommendable, the denominator of coverage
     */
    public Metrics evaluate(Recommender recommender, PlayMatrix train, PlayMatrix test, int catalogSize) {
        return evaluate(recommender.mode().label(), (userId, plays, k) -> {
            List<Recommendation> recs = recommender.recommend(plays, k);
            int[] ids = new int[Math.min(k, recs.size())];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = recs.get(i).artistId();
            }
            return ids;
        }, train, test, catalogSize);
    }

    /** Scores any {@link Ranker} under the name {@code label}. */
    public Metrics evaluate(String label, Ranker ranker, PlayMatrix train, PlayMatrix test, int catalogSize) {
        int users = test.rows();
        double[][] perUser = new double[users][];
        int[][] recommended = new int[users][];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "evaluate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = Math.max(1, (users + threads * 8 - 1) / (threads * 8));
            for (int from = 0; from < users; from += chunk) {
                int lo = from;
                int hi = Math.min(users, from + chunk);
                futures.add(pool.submit(() -> {
                    for (int u = lo; u < hi; u++) {
                        int userId = test.rowId(u);
                        int[] recs = ranker.topK(userId, trainPlays(train, userId), k);
                        if (recs.length > k) {
                            recs = java.util.Arrays.copyOf(recs, k);
                        }
                        recommended[u] = recs;
                        perUser[u] = score(recs, test, u);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        double hits = 0;
        int counted = 0;
        Set<Integer> seen = new HashSet<>();
        for (int u = 0; u < users; u++) {
            if (perUser[u] == null) {
                continue;
            }
            counted++;
            precision += perUser[u][0];
            recall += perUser[u][1];
            ndcg += perUser[u][2];
            map += perUser[u][3];
            hits += perUser[u][4];
            for (int a : recommended[u]) {
                seen.add(a);
            }
        }
        double c = Math.max(counted, 1);
        return new Metrics(label, k, counted, precision / c, recall / c, ndcg / c, map / c, hits / c,
                catalogSize == 0 ? 0 : seen.size() / (double) catalogSize);
    }

    /** The user's training plays, in the recommenders' input form. */
    public static List<UserPlay> trainPlays(PlayMatrix train, int userId) {
        int row = train.rowOf(userId);
        List<UserPlay> plays = new ArrayList<>();
        if (row >= 0) {
            for (int e = train.rowStart(row); e < train.rowStart(row + 1); e++) {
                plays.add(new UserPlay(train.columnId(train.column(e)), train.plays(e)));
            }
        }
        return plays;
    }

    private double[] score(int[] recs, PlayMatrix test, int u) {
        int held = test.rowLength(u);
        if (held == 0) {
            return null;
        }
        Set<Integer> relevant = new HashSet<>();
        for (int e = test.rowStart(u); e < test.rowStart(u + 1); e++) {
            relevant.add(test.columnId(test.column(e)));
        }
        int hits = 0;
        double dcg = 0;
        double ap = 0;
        for (int r = 0; r < recs.length; r++) {
            if (relevant.contains(recs[r])) {
                hits++;
                dcg += 1.0 / log2(r + 2);
                ap += hits / (double) (r + 1);
            }
        }
        int ideal = Math.min(k, held);
        double idcg = 0;
        for (int r = 0; r < ideal; r++) {
            idcg += 1.0 / log2(r + 2);
        }
        return new double[] {hits / (double) k, hits / (double) held, dcg / idcg, ap / ideal, hits > 0 ? 1 : 0};
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
