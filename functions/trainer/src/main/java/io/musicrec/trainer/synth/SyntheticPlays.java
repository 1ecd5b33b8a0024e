package io.musicrec.trainer.synth;

import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.data.PlaysTsv;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A synthetic play-count matrix shaped like Last.fm 360K, for benchmarks: heavy-tailed user
 * activity (log-normal number of artists per user), heavy-tailed artist popularity (Zipf over a
 * random order), heavy-tailed play counts (log-normal), and latent structure (artists belong to
 * genres, users prefer one to three genres and draw most of their artists from them), so ALS has
 * something real to find. Deterministic for a seed; the row count is exactly {@code nnz}.
 */
public final class SyntheticPlays {
    private static final double IN_GENRE = 0.75;
    private static final double ZIPF_EXPONENT = 0.9;
    private static final double ZIPF_OFFSET = 10;
    private static final double ACTIVITY_SIGMA = 0.7;
    private static final int MAX_PLAYS = 1_000_000;

    private SyntheticPlays() {
    }

    /** What to generate. */
    public record Spec(int users, int artists, long nnz, long seed) {
        public Spec {
            if (users < 1 || artists < 2) {
                throw new IllegalArgumentException("need at least 1 user and 2 artists, got " + users + " and " + artists);
            }
            if (nnz < users) {
                throw new IllegalArgumentException("nnz " + nnz + " is below the number of users " + users + " (each user plays at least one artist)");
            }
            if (nnz > (long) users * Math.min(artists, maxPerUser(artists))) {
                throw new IllegalArgumentException("nnz " + nnz + " does not fit " + users + " users of at most "
                        + maxPerUser(artists) + " artists each");
            }
        }
    }

    /** What was written. */
    public record Summary(long rows, int users, int artists) {
    }

    static int maxPerUser(int artists) {
        return Math.min(artists, 5_000);
    }

    public static Summary write(Spec spec, Path out) throws IOException {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int a = spec.artists();
        int genres = Math.max(5, Math.min(200, a / 800));

        int[] rank = new int[a];
        for (int i = 0; i < a; i++) {
            rank[i] = i;
        }
        shuffle(rank, rng);
        double[] weight = new double[a];
        int[] genre = new int[a];
        int[] genreSize = new int[genres];
        for (int i = 0; i < a; i++) {
            weight[i] = 1.0 / Math.pow(rank[i] + ZIPF_OFFSET, ZIPF_EXPONENT);
            genre[i] = rng.nextInt(genres);
            genreSize[genre[i]]++;
        }
        int[][] members = new int[genres][];
        double[][] cumulative = new double[genres][];
        int[] fill = new int[genres];
        for (int g = 0; g < genres; g++) {
            members[g] = new int[genreSize[g]];
            cumulative[g] = new double[genreSize[g]];
        }
        for (int i = 0; i < a; i++) {
            members[genre[i]][fill[genre[i]]++] = i;
        }
        for (int g = 0; g < genres; g++) {
            double s = 0;
            for (int j = 0; j < members[g].length; j++) {
                s += weight[members[g][j]];
                cumulative[g][j] = s;
            }
        }
        double[] global = new double[a];
        double s = 0;
        for (int i = 0; i < a; i++) {
            s += weight[i];
            global[i] = s;
        }

        int cap = maxPerUser(a);
        int[] activity = activity(spec, rng, cap);
        int[] stamp = new int[a];
        Arrays.fill(stamp, -1);
        int[] chosen = new int[cap];
        long[] row = new long[cap];

        long rows = 0;
        AtomicFiles.write(out, tmp -> {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                NumberWriter w = new NumberWriter(os);
                os.write((PlaysTsv.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
                int[] userGenres = new int[3];
                double[] genreShare = new double[3];
                for (int u = 0; u < spec.users(); u++) {
                    int count = activity[u];
                    int liked = 1 + rng.nextInt(3);
                    double total = 0;
                    for (int t = 0; t < liked; t++) {
                        userGenres[t] = rng.nextInt(genres);
                        genreShare[t] = 0.2 + rng.nextDouble();
                        total += genreShare[t];
                    }
                    double scale = Math.exp(rng.nextGaussian() * 0.8);
                    int n = 0;
                    while (n < count) {
                        int artist;
                        boolean inGenre = rng.nextDouble() < IN_GENRE;
                        if (inGenre) {
                            double pick = rng.nextDouble() * total;
                            int t = 0;
                            while (t < liked - 1 && pick > genreShare[t]) {
                                pick -= genreShare[t];
                                t++;
                            }
                            int g = userGenres[t];
                            if (members[g].length == 0) {
                                continue;
                            }
                            artist = members[g][sample(cumulative[g], rng)];
                        } else {
                            artist = sample(global, rng);
                        }
                        int tries = 0;
                        while (stamp[artist] == u) {
                            artist = ++tries < 8 ? sample(global, rng) : (artist + 1) % a;
                        }
                        stamp[artist] = u;
                        double base = Math.exp(5.0 + 1.2 * rng.nextGaussian()) * scale * (inGenre ? 1.5 : 1.0);
                        int plays = (int) Math.max(1, Math.min(MAX_PLAYS, Math.round(base)));
                        row[n] = ((long) artist << 32) | plays;
                        chosen[n] = artist;
                        n++;
                    }
                    Arrays.sort(row, 0, n);
                    for (int j = 0; j < n; j++) {
                        w.write(u + 1);
                        os.write('\t');
                        w.write((int) (row[j] >>> 32) + 1);
                        os.write('\t');
                        w.write((int) row[j]);
                        os.write('\n');
                    }
                }
            }
        });
        for (int c : activity) {
            rows += c;
        }
        return new Summary(rows, spec.users(), a);
    }

    /** Artists per user: log-normal around the mean, clipped to [1, cap], nudged to sum to exactly nnz. */
    private static int[] activity(Spec spec, SplittableRandom rng, int cap) {
        int users = spec.users();
        double mean = spec.nnz() / (double) users;
        double mu = Math.log(mean) - ACTIVITY_SIGMA * ACTIVITY_SIGMA / 2;
        int[] counts = new int[users];
        long sum = 0;
        for (int u = 0; u < users; u++) {
            counts[u] = (int) Math.max(1, Math.min(cap, Math.round(Math.exp(mu + ACTIVITY_SIGMA * rng.nextGaussian()))));
            sum += counts[u];
        }
        long diff = spec.nnz() - sum;
        while (diff != 0) {
            int u = rng.nextInt(users);
            if (diff > 0 && counts[u] < cap) {
                int add = (int) Math.min(diff, Math.max(1, Math.min(cap - counts[u], diff / users + 1)));
                counts[u] += add;
                diff -= add;
            } else if (diff < 0 && counts[u] > 1) {
                int take = (int) Math.min(-diff, Math.max(1, Math.min(counts[u] - 1, -diff / users + 1)));
                counts[u] -= take;
                diff += take;
            }
        }
        return counts;
    }

    private static int sample(double[] cumulative, SplittableRandom rng) {
        double target = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, target);
        i = i < 0 ? -i - 1 : i;
        return Math.min(i, cumulative.length - 1);
    }

    private static void shuffle(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Writes non-negative ints as ASCII without allocating. */
    private static final class NumberWriter {
        private final OutputStream out;
        private final byte[] digits = new byte[11];

        NumberWriter(OutputStream out) {
            this.out = out;
        }

        void write(int v) throws IOException {
            int pos = digits.length;
            do {
                digits[--pos] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            out.write(digits, pos, digits.length - pos);
        }
    }
}
