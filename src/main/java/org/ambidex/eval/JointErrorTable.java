package org.ambidex.eval;

/**
 * Errors of one point set (the 21 joints, or all vertices pooled as one "point") per frame split (single,
 * interacting), hand (right, left) and point, with the summaries the reference scripts compute from them.
 */
final class JointErrorTable {

    private final PckThresholds thresholds;
    private final int points;
    /** stats[split 0 single / 1 interacting][hand][point]. */
    private final ErrorStats[][][] stats;

    JointErrorTable(int points, PckThresholds thresholds) {
        this.points = points;
        this.thresholds = thresholds;
        double[] t = thresholds.values();
        stats = new ErrorStats[2][2][points];
        for (int s = 0; s < 2; s++) {
            for (int h = 0; h < 2; h++) {
                for (int p = 0; p < points; p++) {
                    stats[s][h][p] = new ErrorStats(t);
                }
            }
        }
    }

    PckThresholds thresholds() {
        return thresholds;
    }

    int points() {
        return points;
    }

    void add(Split frames, int hand, int point, double error) {
        stats[frames == Split.SINGLE ? 0 : 1][hand][point].add(error);
    }

    /** The errors of one point of one hand over the frames of {@code split}. */
    ErrorStats pooled(Split split, int hand, int point) {
        ErrorStats out = new ErrorStats(thresholds.values());
        if (split.includes(Split.SINGLE)) {
            out.addAll(stats[0][hand][point]);
        }
        if (split.includes(Split.INTERACTING)) {
            out.addAll(stats[1][hand][point]);
        }
        return out;
    }

    /** Every error of {@code split} x {@code column} in one stream. */
    ErrorStats pooled(Split split, HandColumn column) {
        ErrorStats out = new ErrorStats(thresholds.values());
        for (int h = 0; h < 2; h++) {
            if (column.includes(h)) {
                for (int p = 0; p < points; p++) {
                    out.addAll(pooled(split, h, p));
                }
            }
        }
        return out;
    }

    /** Mean over every error instance of {@code split} x {@code column}; NaN without data. */
    double meanOfAll(Split split, HandColumn column) {
        return pooled(split, column).mean();
    }

    /**
     * InterHand2.6M's summary: the mean, over the points of the column's hands that have data, of each point's
     * mean error over the split's frames. NaN when no point has data.
     */
    double meanOfPointMeans(Split split, HandColumn column) {
        double total = 0;
        int n = 0;
        for (int h = 0; h < 2; h++) {
            if (!column.includes(h)) {
                continue;
            }
            for (int p = 0; p < points; p++) {
                ErrorStats s = pooled(split, h, p);
                if (s.count() > 0) {
                    total += s.mean();
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : total / n;
    }

    /** Points of the column's hands with no error in the split (they are left out of the mean of means). */
    int pointsWithoutData(Split split, HandColumn column) {
        int n = 0;
        for (int h = 0; h < 2; h++) {
            if (column.includes(h)) {
                for (int p = 0; p < points; p++) {
                    if (pooled(split, h, p).count() == 0) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Number of error instances of {@code split} x {@code column}. */
    long count(Split split, HandColumn column) {
        return pooled(split, column).count();
    }

    /**
     * The RHD/FreiHAND {@code EvalUtil} curve: the mean over points with data of each point's PCK curve, and the
     * mean of the points' normalised AUCs; null without data.
     */
    Pck pckOfPointMeans(Split split, HandColumn column) {
        return pckOfPointMeans(split, column, 0, thresholds.steps());
    }

    /** As {@link #pckOfPointMeans(Split, HandColumn)} with the AUC over thresholds {@code from..to-1} only. */
    Pck pckOfPointMeans(Split split, HandColumn column, int from, int to) {
        double[] curve = new double[thresholds.steps()];
        double auc = 0;
        int n = 0;
        for (int h = 0; h < 2; h++) {
            if (!column.includes(h)) {
                continue;
            }
            for (int p = 0; p < points; p++) {
                double[] pck = pooled(split, h, p).pck();
                if (pck == null) {
                    continue;
                }
                for (int i = 0; i < curve.length; i++) {
                    curve[i] += pck[i];
                }
                auc += thresholds.normalisedArea(pck, from, to);
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < curve.length; i++) {
            curve[i] /= n;
        }
        return new Pck(curve, auc / n);
    }

    /** Per-point mean of one hand over {@code split}; NaN entries for points without data. */
    double[] pointMeans(Split split, int hand) {
        double[] out = new double[points];
        for (int p = 0; p < points; p++) {
            out[p] = pooled(split, hand, p).mean();
        }
        return out;
    }

    /** A PCK curve (fractions at each threshold) and its normalised area. */
    record Pck(double[] curve, double auc) {
    }
}
