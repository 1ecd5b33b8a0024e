package io.musicrec.engine.model;

/**
 * The confidence of an observed preference, {@code c = 1 + alpha * f(plays)} (Hu, Koren and
 * Volinsky 2008). With BM25 the weight of a (user, artist) entry also depends on the artist's total
 * plays in the training data and on how many artists the user played, so training and fold-in must
 * share this object to agree.
 */
public final class Confidence {
    private final Weighting weighting;
    private final double alpha;
    private final double k1;
    private final double b;
    private final double logArtists;
    private final float[] lengthNorm;

    private Confidence(Weighting weighting, double alpha, double k1, double b, int artists, float[] lengthNorm) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, got " + alpha);
        }
        this.weighting = weighting;
        this.alpha = alpha;
        this.k1 = k1;
        this.b = b;
        this.logArtists = Math.log(Math.max(artists, 1));
        this.lengthNorm = lengthNorm;
    }

    /**
     * Builds the confidence function for a catalog of artists whose total training plays are
     * {@code artistPlays} (only BM25 reads them).
     */
    public static Confidence of(Weighting weighting, double alpha, double k1, double b, long[] artistPlays) {
        float[] norm = null;
        if (weighting == Weighting.BM25) {
            if (!(k1 > 0) || !(b >= 0 && b <= 1)) {
                throw new IllegalArgumentException("bm25 needs k1 > 0 and 0 <= b <= 1, got k1=" + k1 + " b=" + b);
            }
            double total = 0;
            for (long p : artistPlays) {
                total += p;
            }
            double average = artistPlays.length == 0 ? 1 : total / artistPlays.length;
            norm = new float[artistPlays.length];
            for (int i = 0; i < norm.length; i++) {
                norm[i] = (float) ((1.0 - b) + b * artistPlays[i] / average);
            }
        }
        return new Confidence(weighting, alpha, k1, b, artistPlays.length, norm);
    }

    /** f(plays) for {@code artist} (dense index) in the row of a user who played {@code userArtists} artists. */
    public double weight(int artist, long plays, int userArtists) {
        switch (weighting) {
            case RAW:
                return plays;
            case LOG1P:
                return Math.log1p(plays);
            case BM25:
                double idf = logArtists - Math.log1p(userArtists);
                double tf = plays * (k1 + 1.0) / (k1 * lengthNorm[artist] + plays);
                return Math.max(0.0, tf * idf);
            default:
                throw new AssertionError(weighting);
        }
    }

    /** {@code 1 + alpha * f(plays)}. */
    public float confidence(int artist, long plays, int userArtists) {
        return (float) (1.0 + alpha * weight(artist, plays, userArtists));
    }

    public Weighting weighting() {
        return weighting;
    }

    public double alpha() {
        return alpha;
    }
}
