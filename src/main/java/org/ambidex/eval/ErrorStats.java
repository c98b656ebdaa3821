package org.ambidex.eval;

/**
 * Running statistics of one stream of non-negative errors: count, sum (for the mean) and the number of errors at
 * or below each PCK threshold. Memory stays constant however many errors are added; the PCK is exact (each error
 * is compared with each threshold as {@code error <= threshold}).
 */
final class ErrorStats {

    private final double[] thresholds;
    /** counts[i]: errors whose first threshold at or above them is thresholds[i]; counts[n]: above the last. */
    private final long[] counts;
    private long count;
    private double sum;

    ErrorStats(double[] thresholds) {
        this.thresholds = thresholds;
        this.counts = new long[thresholds.length + 1];
    }

    void add(double error) {
        if (!(error >= 0) || Double.isInfinite(error)) {
            throw new IllegalArgumentException("an error must be finite and non-negative, got " + error);
        }
        count++;
        sum += error;
        counts[firstThresholdAtOrAbove(error)]++;
    }

    /** Adds everything {@code other} (built on the same thresholds) holds. */
    void addAll(ErrorStats other) {
        count += other.count;
        sum += other.sum;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    long count() {
        return count;
    }

    double sum() {
        return sum;
    }

    /** Mean error, NaN without data. */
    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Fraction of errors {@code <=} each threshold; null without data. */
    double[] pck() {
        if (count == 0) {
            return null;
        }
        double[] pck = new double[thresholds.length];
        long below = 0;
        for (int i = 0; i < thresholds.length; i++) {
            below += counts[i];
            pck[i] = (double) below / count;
        }
        return pck;
    }

    private int firstThresholdAtOrAbove(double error) {
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] >= error) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
